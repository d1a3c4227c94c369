using System.Globalization;
using System.Net;

namespace Director.Core.Balancing.Nft;

/// <summary>
/// The common change to a table with per-service counters — real servers of existing NAT services
/// with a slot map of their own (<see cref="NftSlots.Own"/>: rr/wrr, lc/wlc/sed/nq) come, go or
/// change weight — as netlink operations that need no libnftables: no cache refresh, whose cost
/// grows with every chain and map of the table (about 7 ms at 1,000 services). Same effect as
/// <see cref="NftRulesetBuilder.Batch"/> for these changes: the service's map and rule are
/// rewritten, the registry's destinations and the hairpin set follow.
/// </summary>
public static class NftFastChange
{
    /// <summary>The operations, or null when some touched service needs the full builder.</summary>
    /// <param name="ids">Must hold an id for every touched service.</param>
    public static IReadOnlyList<NftOp>? TryRender(
        DesiredTable current,
        DesiredTable target,
        IEnumerable<VirtualServiceKey> touched,
        ServiceIds ids,
        NftOptions options,
        Func<VirtualServiceKey, DestinationKey, int>? connections = null)
    {
        var keys = touched.ToHashSet();
        var services = new List<(VirtualService Before, VirtualService After, NftSlots Slots, int Id)>();
        foreach (var key in NftRulesetBuilder.Order(keys))
        {
            var before = current.Find(key);
            var after = target.Find(key);
            if (before is null || after is null || !Eligible(before) || !Eligible(after) || !before.SameSettingsAs(after)) return null;
            if (NftSharedSlots.WithPort(before) != NftSharedSlots.WithPort(after)) return null;
            var conns = (Func<DestinationKey, int>)(d => connections?.Invoke(key, d) ?? 0);
            var beforeSlots = NftSlots.For(before, options, conns);
            var slots = NftSlots.For(after, options, conns);
            if (!beforeSlots.Own || !slots.Own) return null;
            services.Add((before, after, slots, ids[key]));
        }

        var ops = new List<NftOp>();
        foreach (var (before, after, slots, id) in services) Rewrite(ops, before, after, slots, id);
        foreach (var family in services.Select(s => s.After.Key.Family).Distinct().Order())
        {
            var (gone, come) = NftRulesetBuilder.HairpinChanges(NftFamily.Of(family), current, target, keys);
            if (gone.Length > 0) ops.Add(new NftSetElements(family, "hairpin", false, gone.Select(a => new NftElement(IPAddress.Parse(a).GetAddressBytes(), null)).ToArray()));
            if (come.Length > 0) ops.Add(new NftSetElements(family, "hairpin", true, come.Select(a => new NftElement(IPAddress.Parse(a).GetAddressBytes(), null)).ToArray()));
        }

        return ops;
    }

    /// <summary>A NAT service without persistence (its chain holds pin rules) and without TUN (refused by the builder).</summary>
    private static bool Eligible(VirtualService s) =>
        s.Persistence is null && s.Destinations.All(d => d.Method == ForwardingMethod.Masquerade);

    private static void Rewrite(List<NftOp> ops, VirtualService before, VirtualService s, NftSlots slots, int id)
    {
        var family = s.Key.Family;
        var map = string.Create(CultureInfo.InvariantCulture, $"slots_{id}");
        var chain = NftServiceChain.Name(id);
        var withPort = NftSharedSlots.WithPort(s);
        ops.Add(new NftFlushChain(family, chain));
        ops.Add(new NftFlushSet(family, map));
        if (slots.Count > 0)
        {
            var data = s.Destinations
                .Select(d => withPort ? NftElementBytes.Concat(NftElementBytes.Address(d.Address), NftElementBytes.Port(d.Port)) : NftElementBytes.Address(d.Address))
                .ToArray();
            ops.Add(new NftSetElements(family, map, true,
                slots.Slots.Select((d, slot) => new NftElement(NftElementBytes.HostU32((uint)slot), data[d])).ToArray()));
            ops.Add(new NftNumgenDnatRule(family, chain, withPort ? (byte)s.Key.Protocol : null, (uint)slots.Count, map));
        }

        var old = before.Destinations.Where(d => s.Destinations.All(n => n != d)).ToArray();
        var added = s.Destinations.Where(d => before.Destinations.All(o => o != d)).ToArray();
        if (old.Length > 0) ops.Add(new NftSetElements(family, "dests", false, old.Select(d => new NftElement(NftElementBytes.Destination(id, d), null)).ToArray()));
        if (added.Length > 0) ops.Add(new NftSetElements(family, "dests", true, added.Select(d => new NftElement(NftElementBytes.Destination(id, d), null)).ToArray()));
    }
}
