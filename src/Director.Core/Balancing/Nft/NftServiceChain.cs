using System.Globalization;
using System.Text;

namespace Director.Core.Balancing.Nft;

/// <summary>
/// The per-service chain <c>vs_ID</c> of services that need one: persistent services (their pin
/// lookup comes first), connection-aware ones (lc, wlc, sed, nq) and, with
/// <see cref="NftOptions.PerServiceCounters"/>, rr/wrr. The latter two keep their own slot map
/// <c>slots_ID</c> and their own <c>numgen</c> counter (<see cref="NftSlots.Own"/>), which restarts
/// at slot 0 whenever the slots are rewritten: for lc the slots are the next choices lc would make,
/// in order, so the first arrivals after a rebalance must take the first slots.
/// </summary>
internal static class NftServiceChain
{
    public static string Name(int id) => string.Create(CultureInfo.InvariantCulture, $"vs_{id}");

    public static bool Needed(VirtualService s, NftSlots slots) => s.Persistence is not null || slots.Own;

    /// <summary>Creates the chain, or empties it when <paramref name="existed"/> (it is refilled in the same transaction).</summary>
    public static void Open(StringBuilder text, NftFamily f, int id, bool existed)
    {
        text.AppendLine(CultureInfo.InvariantCulture, $"add chain {f.Prefix} vs_{id}");
        if (existed) text.AppendLine(CultureInfo.InvariantCulture, $"flush chain {f.Prefix} vs_{id}");
    }

    /// <summary>Fills the own slot map and adds the rule that DNATs through it. Call after <see cref="Open"/>.</summary>
    public static void OwnSlots(StringBuilder text, NftFamily f, VirtualService? before, bool beforeOwnMap, VirtualService s, int id, NftSlots slots, NftOptions options)
    {
        var p = f.Prefix;
        var withPort = NftSharedSlots.WithPort(s);
        var proto = s.Key.Protocol.ToString().ToLowerInvariant();
        var data = withPort ? $"{f.Header} daddr . {proto} dport" : $"{f.Header} daddr";
        if (beforeOwnMap && NftSharedSlots.WithPort(before!) != withPort)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"delete map {p} slots_{id}");
            beforeOwnMap = false;
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"add map {p} slots_{id} {{ typeof numgen inc mod 1 : {data} ; }}");
        if (beforeOwnMap) text.AppendLine(CultureInfo.InvariantCulture, $"flush map {p} slots_{id}");
        if (slots.Count == 0) return;
        var targets = s.Destinations.Select(d => withPort ? string.Create(CultureInfo.InvariantCulture, $"{d.Address} . {d.Port}") : d.Address.ToString()).ToArray();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"add element {p} slots_{id} {{ {string.Join(", ", slots.Slots.Select((d, slot) => string.Create(CultureInfo.InvariantCulture, $"{slot} : {targets[d]}")))} }}");
        var l4 = withPort ? $"meta l4proto {proto} " : "";
        text.AppendLine(CultureInfo.InvariantCulture, $"add rule {p} vs_{id} {l4}dnat {f.Table} to {slots.Selector(f, options)} map @slots_{id}");
    }

    /// <summary>Deletes the chain (and the own slot map); call once nothing names the chain any more.</summary>
    public static void Remove(StringBuilder tail, NftFamily f, int id, bool ownMap)
    {
        tail.AppendLine(CultureInfo.InvariantCulture, $"flush chain {f.Prefix} vs_{id}");
        tail.AppendLine(CultureInfo.InvariantCulture, $"delete chain {f.Prefix} vs_{id}");
        if (ownMap) tail.AppendLine(CultureInfo.InvariantCulture, $"delete map {f.Prefix} slots_{id}");
    }
}
