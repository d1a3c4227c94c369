using System.Globalization;
using System.Text;

namespace Director.Core.Balancing.Nft;

/// <summary>
/// The slot maps shared by every NAT service of a family and protocol, keyed by (VIP . port . slot)
/// or (fwmark . slot), and the dispatch chains shared by every service with the same selector and
/// slot count. A change to a service is element deletes/adds in one map (and a new dispatch entry
/// when its slot count changes): the number of chains and sets does not grow with the services,
/// which keeps libnftables' per-transaction cache refresh small.
/// </summary>
/// <remarks>
/// A shared dispatch chain holds one <c>numgen inc</c> counter for all its services: each still
/// gets every slot in turn over time, but consecutive connections of one service are not strictly
/// round robin when other services with the same slot count take connections in between (two
/// services with 2 slots hit strictly alternately each send every connection to one server).
/// With <see cref="NftOptions.PerServiceCounters"/> (the default) rr/wrr services do not use these
/// maps: they have slot maps and counters of their own (<see cref="NftServiceChain"/>).
/// </remarks>
internal static class NftSharedSlots
{
    public const string NoSlots = "noslots";

    /// <remarks>
    /// One map per protocol: libnftables 1.0.6 cannot re-read a map whose typeof data names
    /// <c>th dport</c> ("conflicting protocols"), and a <c>tcp dport</c> map refuses UDP rules.
    /// </remarks>
    public static string Skeleton(NftFamily f)
    {
        var text = new StringBuilder();
        foreach (var protocol in Enum.GetValues<IpProtocol>().Select(Proto))
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"add map {f.Prefix} slots_{protocol} {{ typeof {f.Header} daddr . {protocol} dport . numgen inc mod 1 : {f.Header} daddr . {protocol} dport ; }}");
            text.AppendLine(CultureInfo.InvariantCulture,
                $"add map {f.Prefix} slots_{protocol}_ip {{ typeof {f.Header} daddr . {protocol} dport . numgen inc mod 1 : {f.Header} daddr ; }}");
            text.AppendLine(CultureInfo.InvariantCulture,
                $"add map {f.Prefix} fwslots_{protocol} {{ typeof meta mark . numgen inc mod 1 : {f.Header} daddr . {protocol} dport ; }}");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"add map {f.Prefix} fwslots_ip {{ typeof meta mark . numgen inc mod 1 : {f.Header} daddr ; }}");
        text.AppendLine(CultureInfo.InvariantCulture, $"add chain {f.Prefix} {NoSlots}");
        return text.ToString();
    }

    public static bool WithPort(VirtualService s) => s.Destinations.All(d => d.Port != 0);

    /// <summary>Maps are per protocol, so that the key needs no protocol field (a field less per element: ~15% of a full apply).</summary>
    public static string SharedMap(VirtualService s) => s.Key.IsFwmark
        ? "fwslots_" + (WithPort(s) ? Proto(s.Key.Protocol) : "ip")
        : "slots_" + Proto(s.Key.Protocol) + (WithPort(s) ? "" : "_ip");

    private static string Proto(IpProtocol p) => p.ToString().ToLowerInvariant();

    /// <summary>The shared chain that DNATs this service's new connections (<see cref="NoSlots"/>: none).</summary>
    public static string DispatchChain(VirtualService s, NftSlots slots) => slots.Count == 0
        ? NoSlots
        : string.Create(CultureInfo.InvariantCulture,
            $"to_{(s.Key.IsFwmark ? "m" : "a")}{(WithPort(s) ? Proto(s.Key.Protocol) : "ip")}_{slots.Kind}_{slots.Count}");

    /// <summary>Creates (or resets) a dispatch chain; flushing first makes it safe to repeat.</summary>
    public static void CreateDispatchChain(StringBuilder text, NftFamily f, VirtualService s, NftSlots slots, NftOptions options)
    {
        var chain = DispatchChain(s, slots);
        var key = s.Key.IsFwmark ? "meta mark" : $"{f.Header} daddr . {Proto(s.Key.Protocol)} dport";
        var l4 = WithPort(s) ? $"meta l4proto {Proto(s.Key.Protocol)} " : "";
        text.AppendLine(CultureInfo.InvariantCulture, $"add chain {f.Prefix} {chain}");
        text.AppendLine(CultureInfo.InvariantCulture, $"flush chain {f.Prefix} {chain}");
        text.AppendLine(CultureInfo.InvariantCulture, $"add rule {f.Prefix} {chain} {l4}dnat {f.Table} to {key} . {slots.Selector(f, options)} map @{SharedMap(s)}");
    }

    /// <summary>Deletes the slot elements <paramref name="before"/> had and adds those <paramref name="after"/> needs, only where they differ.</summary>
    public static void Update(StringBuilder text, NftFamily f, VirtualService? before, NftSlots? beforeSlots, VirtualService? after, NftSlots? afterSlots, int id, NftOptions options)
    {
        var beforeMap = before is null ? null : SharedMap(before);
        var afterMap = after is null ? null : SharedMap(after);
        var sameMap = before is not null && after is not null && beforeMap == afterMap;
        if (!sameMap || beforeSlots!.Own || afterSlots!.Own)
        {
            // Nothing to compare: every old key goes, every new element comes (the path of a full apply).
            if (before is not null && beforeSlots!.Count > 0)
            {
                var prefix = KeyPrefix(before);
                text.Append(CultureInfo.InvariantCulture, $"delete element {f.Prefix} {beforeMap} {{ ");
                for (var slot = 0; slot < beforeSlots.Count; slot++) text.Append(slot == 0 ? "" : ", ").Append(prefix).Append(" . ").Append(slot);
                text.AppendLine(" }");
            }

            if (after is not null && afterSlots!.Count > 0)
            {
                var prefix = KeyPrefix(after);
                var data = after.Destinations.Select(d => Data(after, d)).ToArray();
                text.Append(CultureInfo.InvariantCulture, $"add element {f.Prefix} {afterMap} {{ ");
                for (var slot = 0; slot < afterSlots.Count; slot++)
                {
                    text.Append(slot == 0 ? "" : ", ").Append(prefix).Append(" . ").Append(slot).Append(" : ").Append(data[afterSlots.Slots[slot]]);
                }

                text.AppendLine(" }");
            }

            return;
        }

        var old = Elements(before!, beforeSlots);
        var next = Elements(after!, afterSlots);
        var gone = old.Where(kv => !next.TryGetValue(kv.Key, out var v) || v != kv.Value).Select(kv => kv.Key).ToArray();
        var come = next.Where(kv => !old.TryGetValue(kv.Key, out var v) || v != kv.Value).ToArray();
        if (gone.Length > 0) text.AppendLine(CultureInfo.InvariantCulture, $"delete element {f.Prefix} {beforeMap} {{ {string.Join(", ", gone)} }}");
        if (come.Length > 0) text.AppendLine(CultureInfo.InvariantCulture, $"add element {f.Prefix} {afterMap} {{ {string.Join(", ", come.Select(kv => $"{kv.Key} : {kv.Value}"))} }}");
    }

    private static string Data(VirtualService s, Destination d) =>
        WithPort(s) ? string.Create(CultureInfo.InvariantCulture, $"{d.Address} . {d.Port}") : d.Address.ToString();

    private static string KeyPrefix(VirtualService s) => s.Key.IsFwmark
        ? s.Key.Fwmark.ToString(CultureInfo.InvariantCulture)
        : string.Create(CultureInfo.InvariantCulture, $"{s.Key.Address} . {s.Key.Port}");

    private static Dictionary<string, string> Elements(VirtualService s, NftSlots slots)
    {
        var prefix = KeyPrefix(s);
        var elements = new Dictionary<string, string>(slots.Count);
        for (var slot = 0; slot < slots.Count; slot++)
        {
            elements[string.Create(CultureInfo.InvariantCulture, $"{prefix} . {slot}")] = Data(s, s.Destinations[slots.Slots[slot]]);
        }

        return elements;
    }
}
