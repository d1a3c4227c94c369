using Director.Core.Balancing;

namespace Director.Native.Nftables.Events;

/// <summary>One watched table a transaction touched, and how ("table deleted, 3 chains deleted").</summary>
public sealed record NftTableChange(NftTableRef Table, string Summary);

/// <summary>
/// Another process committed an nftables transaction that touched watched tables; or, with
/// <see cref="EventsLost"/>, the kernel dropped notifications (socket full), so any table may have
/// changed and nobody knows who changed it.
/// </summary>
public sealed record NftTablesChanged(IReadOnlyList<NftTableChange> Tables, int? ProcessId, string? ProcessName, bool EventsLost = false)
{
    public static NftTablesChanged Lost { get; } = new([], null, null, EventsLost: true);

    /// <summary>For logs: "nft (pid 1234)", or why nobody is known.</summary>
    public string By => EventsLost ? "unknown (netlink events were lost)" : $"{ProcessName ?? "?"} (pid {ProcessId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"})";
}
