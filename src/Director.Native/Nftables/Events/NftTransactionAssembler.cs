using Director.Core.Balancing;
using Director.Native.Netlink;

namespace Director.Native.Nftables.Events;

/// <summary>
/// Groups nf_tables notifications into committed transactions: the kernel sends a transaction's
/// object messages, then NFT_MSG_NEWGEN, under its commit mutex, so messages of two transactions
/// never interleave. Every message of a transaction carries the netlink port id of the socket that
/// sent the batch (nlmsg_pid), which tells director's own writes from others'. Not thread-safe.
/// </summary>
public sealed class NftTransactionAssembler(Func<NftTableRef, bool> watched)
{
    private readonly Dictionary<NftTableRef, Dictionary<(string Kind, bool Removed), int>> _touched = new();

    /// <summary>One committed transaction that touched watched tables.</summary>
    public sealed record Transaction(uint PortId, NftGenerationEvent Generation, IReadOnlyList<NftTableChange> Tables);

    /// <summary>Feeds one message; returns the transaction it completes when that touched a watched table.</summary>
    public Transaction? Add(NetlinkMessage message)
    {
        if (NftEventDecoder.DecodeObject(message) is { } change)
        {
            if (!watched(change.Table)) return null;
            var counts = _touched.TryGetValue(change.Table, out var c) ? c : _touched[change.Table] = new();
            counts[(change.Kind, change.Removed)] = counts.GetValueOrDefault((change.Kind, change.Removed)) + 1;
            return null;
        }

        if (NftEventDecoder.DecodeGeneration(message) is not { } generation) return null;
        var tables = _touched.Select(t => new NftTableChange(t.Key, Summarize(t.Value))).ToList();
        Reset();
        return tables.Count == 0 ? null : new Transaction(message.PortId, generation, tables);
    }

    /// <summary>Forgets a partly received transaction (after lost events).</summary>
    public void Reset() => _touched.Clear();

    // "table deleted, 4 chains deleted, 12 rules deleted"; the table itself first.
    private static string Summarize(Dictionary<(string Kind, bool Removed), int> counts) => string.Join(", ",
        counts.OrderBy(c => c.Key.Kind == "table" ? 0 : 1).ThenBy(c => c.Key.Kind, StringComparer.Ordinal).ThenBy(c => c.Key.Removed)
            .Select(c => $"{(c.Value == 1 ? "" : $"{c.Value} ")}{c.Key.Kind}{(c.Value == 1 ? "" : "s")} {(c.Key.Removed ? "deleted" : "added")}"));
}
