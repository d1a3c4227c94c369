using System.Globalization;
using System.Net;
using System.Text;
using Director.Core.Config.Model;

namespace Director.Core.Balancing.Nft;

/// <summary>
/// Renders nftables commands (one transaction) that move the kernel from one desired table to
/// another, touching only the daemon's tables <c>ip director</c>, <c>ip6 director</c> and
/// <c>netdev director-dr</c>, and inside them only the services named, as one transaction, so no
/// packet sees a service half updated.
/// </summary>
/// <remarks>
/// NAT: a verdict map on (daddr . l4proto . dport) and one on the mark jump from prerouting and
/// output (director-local clients) to a dispatch chain shared by all services with the same
/// selector and slot count, which DNATs through the family's shared slot map
/// (<see cref="NftSharedSlots"/>); postrouting masquerades DNATed flows that come from a real
/// server (hairpin). Persistent and connection-aware services have a chain of their own
/// (<see cref="NftServiceChain"/>, <see cref="NftPersistence"/>).
/// DR (IPv4): netdev ingress on <see cref="NftOptions.DrIngressDevice"/>; chain <c>dr_ID</c> keeps a
/// flow table <c>conn_ID</c> (saddr . sport -> server as a 32-bit mark) filled on SYN and forwards
/// with <c>fwd ip to</c> on <see cref="NftOptions.DrEgressDevice"/>.
/// </remarks>
public static class NftRulesetBuilder
{
    public const string TableName = "director";
    public const string DrTableName = "director-dr";

    /// <summary>Every service of <paramref name="target"/> from an empty kernel.</summary>
    public static string Full(DesiredTable target, ServiceIds ids, NftOptions options, Func<VirtualServiceKey, DestinationKey, int>? connections = null) =>
        Batch(DesiredTable.Empty, target, target.Services.Keys, ids, options, connections);

    /// <summary>
    /// Replaces the tables of <paramref name="families"/> (found in another layout at read-back) by
    /// the current layout holding every service <paramref name="target"/> has in them, and applies
    /// the other touched services as <see cref="Batch"/> does; one transaction, so packets see the
    /// old table or the complete new one. Replacing IPv4 also resets <c>netdev director-dr</c>,
    /// whose objects are named by the IPv4 registry's ids.
    /// </summary>
    /// <param name="current">What the kernel holds; its services of <paramref name="families"/> are dropped with their tables.</param>
    /// <param name="knownChains">Dispatch chains known in the kernel; those of <paramref name="families"/> are ignored.</param>
    public static string Replacing(
        IReadOnlySet<IpFamily> families,
        DesiredTable current,
        DesiredTable target,
        IEnumerable<VirtualServiceKey> touched,
        ServiceIds ids,
        NftOptions options,
        Func<VirtualServiceKey, DestinationKey, int>? connections = null,
        IReadOnlySet<string>? knownChains = null,
        ICollection<string>? createdChains = null)
    {
        var text = new StringBuilder();
        var kept = current;
        foreach (var key in current.Services.Keys.Where(k => families.Contains(k.Family))) kept = kept.Without(key);
        var keys = touched.Concat(target.Services.Keys.Where(k => families.Contains(k.Family))).ToHashSet();
        foreach (var family in families.Order())
        {
            var f = NftFamily.Of(family);
            // "add" first: delete of a table that is not there fails (nft 1.0.6 has no destroy).
            text.AppendLine(CultureInfo.InvariantCulture, $"add table {f.Prefix}");
            text.AppendLine(CultureInfo.InvariantCulture, $"delete table {f.Prefix}");
            if (!keys.Any(k => k.Family == family)) Skeleton(text, f, options);
        }

        if (families.Contains(IpFamily.V4))
        {
            // DR services are IPv4 only: they left kept with their family.
            text.AppendLine(CultureInfo.InvariantCulture, $"add table netdev {DrTableName}");
            text.AppendLine(CultureInfo.InvariantCulture, $"delete table netdev {DrTableName}");
        }

        var prefixes = families.Select(f => NftFamily.Of(f).Table + "/").ToArray();
        var known = knownChains?.Where(c => !prefixes.Any(p => c.StartsWith(p, StringComparison.Ordinal))).ToHashSet();
        return text.Append(Batch(kept, target, keys, ids, options, connections, known, createdChains)).ToString();
    }

    /// <summary>Services named by <paramref name="changes"/>.</summary>
    public static IReadOnlySet<VirtualServiceKey> Touched(IEnumerable<TableChange> changes) => changes.Select(c => c.ServiceKey).ToHashSet();

    /// <param name="ids">Must hold an id for every touched service of both tables.</param>
    /// <param name="connections">Live connection count per destination, for lc/wlc/sed/nq.</param>
    /// <param name="knownChains">Shared dispatch chains already in the kernel (not re-created); null: none known.</param>
    /// <param name="createdChains">Receives the dispatch chains this batch creates.</param>
    public static string Batch(
        DesiredTable current,
        DesiredTable target,
        IEnumerable<VirtualServiceKey> touched,
        ServiceIds ids,
        NftOptions options,
        Func<VirtualServiceKey, DestinationKey, int>? connections = null,
        IReadOnlySet<string>? knownChains = null,
        ICollection<string>? createdChains = null)
    {
        var keys = touched.ToHashSet();
        foreach (var key in keys)
        {
            if (target.Find(key) is { } s) Validate(s, options);
        }

        var text = new StringBuilder();
        // Deletions of chains and maps, after everything that named them is gone.
        var tail = new StringBuilder();
        var created = new HashSet<string>();
        var families = keys.Select(k => k.Family).Distinct().OrderBy(f => f).ToArray();
        // The hook chains and shared maps exist once the family holds a service: not re-sent, so
        // that a one-service change stays a few element commands.
        foreach (var family in families.Where(f => !current.Services.Keys.Any(k => k.Family == f))) Skeleton(text, NftFamily.Of(family), options);
        var anyDr = keys.Any(k => target.Find(k)?.Destinations.Any(IsDr) == true);
        if (anyDr && !current.Services.Values.Any(IsDrService)) DrSkeleton(text, options);

        foreach (var key in Order(keys))
        {
            var before = current.Find(key);
            var after = target.Find(key);
            var id = ids[key];
            var conns = (Func<DestinationKey, int>)(d => connections?.Invoke(key, d) ?? 0);
            if (before is not null && (after is null || IsDrService(before) != IsDrService(after)))
            {
                if (IsDrService(before)) RemoveDr(text, before, id);
                else RemoveNat(text, tail, before, id, options, conns);
                RemoveRegistry(text, before, id);
                before = null;
            }

            if (after is null) continue;
            if (IsDrService(after)) RenderDr(text, before, after, id, options, conns);
            else RenderNat(text, tail, before, after, id, options, conns, knownChains, created);
            UpdateRegistry(text, before, after, id);
        }

        foreach (var family in families)
        {
            var f = NftFamily.Of(family);
            UpdateHairpin(text, f, current, target, keys);
            if (keys.Any(k => IsPersistentNat(current.Find(k)) || IsPersistentNat(target.Find(k))))
            {
                NftPersistence.Records(text, f, target.Ordered.Where(s => s.Key.Family == family && IsPersistentNat(s)).Select(s => (s, ids[s.Key])));
            }
        }

        if (createdChains is not null)
        {
            foreach (var c in created) createdChains.Add(c);
        }

        return text.Append(tail).ToString();
    }

    private static bool IsPersistentNat(VirtualService? s) => s is not null && s.Persistence is not null && !IsDrService(s);

    internal static IEnumerable<VirtualServiceKey> Order(IEnumerable<VirtualServiceKey> keys) => keys
        .OrderBy(k => k.Fwmark).ThenBy(k => k.Family).ThenBy(k => k.Address?.ToString(), StringComparer.Ordinal)
        .ThenBy(k => k.Port).ThenBy(k => k.Protocol);

    private static bool IsDr(Destination d) => d.Method == ForwardingMethod.DirectRoute;

    private static bool IsDrService(VirtualService s) => s.Destinations.Count > 0 && s.Destinations.All(IsDr);

    private static void Validate(VirtualService s, NftOptions options)
    {
        NftPersistence.Validate(s);
        if (s.SchedulerFlags != SchedulerFlags.None)
            throw new NotSupportedException($"{s.Key}: scheduler flags ({s.SchedulerFlags}: sh-port, sh-fallback, mh-port, mh-fallback, flag-N) are IPVS features the nftables backend does not have.");
        if (s.Persistence?.Engine is { } engine)
            throw new NotSupportedException($"{s.Key}: persistence_engine {engine} is an IPVS feature the nftables backend does not have.");
        if (s.Destinations.FirstOrDefault(d => d.UpperThreshold != 0 || d.LowerThreshold != 0) is { } limited)
            throw new NotSupportedException($"{s.Key}: uthreshold/lthreshold of {limited.Key} are IPVS features the nftables backend does not have.");
        if (s.Destinations.FirstOrDefault(d => d.Tunnel is not null) is { } encapsulated)
            throw new NotSupportedException($"{s.Key}: {encapsulated.Tunnel!.Type} tunnel to {encapsulated.Key} is an IPVS feature the nftables backend does not have.");
        if (s.Destinations.Any(d => d.Method == ForwardingMethod.Tunnel))
        {
            throw new NotSupportedException(
                $"{s.Key}: TUN forwarding needs IPIP (or GRE) tunnels and this kernel has neither; use NAT or DR.");
        }

        if (s.Destinations.Any(IsDr))
        {
            if (!s.Destinations.All(IsDr)) throw new NotSupportedException($"{s.Key}: DR and NAT destinations cannot be mixed in one service on nftables.");
            if (s.Key.Family != IpFamily.V4 || s.Key.IsFwmark) throw new NotSupportedException($"{s.Key}: DR on nftables is available for IPv4 address services only (not IPv6, not fwmark).");
            if (s.Persistence is not null) throw new NotSupportedException($"{s.Key}: persistence with DR is not available on nftables.");
            if (options.DrIngressDevice is null || options.DrEgressDevice is null) throw new NotSupportedException($"{s.Key}: DR needs the ingress and egress devices in the nftables backend options.");
            if (s.Destinations.Any(d => d.Port != s.Key.Port)) throw new NotSupportedException($"{s.Key}: DR cannot change the port.");
        }
    }

    private static void Skeleton(StringBuilder text, NftFamily f, NftOptions options)
    {
        var p = f.Prefix;
        text.Append(CultureInfo.InvariantCulture, $$"""
            add table {{p}} { comment "{{NftLayout.MarkerFor(options)}}" ; }
            add map {{p}} services { type {{f.AddressType}} . inet_proto . inet_service : verdict ; }
            add map {{p}} fwmarks { type mark : verdict ; }
            add set {{p}} hairpin { type {{f.AddressType}} ; }
            add set {{p}} registry { type mark ; }
            add set {{p}} dests { type mark . {{f.AddressType}} . inet_service . mark . mark ; }
            add chain {{p}} prerouting { type nat hook prerouting priority dstnat ; policy accept ; }
            add chain {{p}} output { type nat hook output priority -100 ; policy accept ; }
            add chain {{p}} postrouting { type nat hook postrouting priority srcnat ; policy accept ; }
            flush chain {{p}} prerouting
            flush chain {{p}} output
            flush chain {{p}} postrouting
            add rule {{p}} prerouting {{f.Header}} daddr . meta l4proto . th dport vmap @services
            add rule {{p}} prerouting meta mark vmap @fwmarks
            add rule {{p}} output {{f.Header}} daddr . meta l4proto . th dport vmap @services
            add rule {{p}} output meta mark vmap @fwmarks
            add rule {{p}} postrouting ct status dnat {{f.Header}} saddr @hairpin masquerade

            """);
        text.Append(NftSharedSlots.Skeleton(f));
        text.Append(NftPersistence.Skeleton(f));
    }

    private static void DrSkeleton(StringBuilder text, NftOptions o)
    {
        var p = $"netdev {DrTableName}";
        text.Append(CultureInfo.InvariantCulture, $$"""
            add table {{p}}
            add map {{p}} services { type ipv4_addr . inet_proto . inet_service : verdict ; }
            add chain {{p}} ingress { type filter hook ingress device "{{o.DrIngressDevice}}" priority 0 ; policy accept ; }
            flush chain {{p}} ingress
            add rule {{p}} ingress ip daddr . meta l4proto . th dport vmap @services

            """);
    }

    private static string DispatchElement(VirtualServiceKey k) => k.IsFwmark
        ? $"fwmarks {{ {k.Fwmark} }}"
        : $"services {{ {k.Address} . {(int)k.Protocol} . {k.Port} }}";

    private static string DispatchElement(VirtualServiceKey k, string chain) => k.IsFwmark
        ? $"fwmarks {{ {k.Fwmark} : goto {chain} }}"
        : $"services {{ {k.Address} . {(int)k.Protocol} . {k.Port} : goto {chain} }}";

    private static string Proto(IpProtocol p) => p.ToString().ToLowerInvariant();

    private static void RemoveNat(StringBuilder text, StringBuilder tail, VirtualService s, int id, NftOptions options, Func<DestinationKey, int> conns)
    {
        var f = NftFamily.Of(s.Key.Family);
        var slots = NftSlots.For(s, options, conns);
        text.AppendLine(CultureInfo.InvariantCulture, $"delete element {f.Prefix} {DispatchElement(s.Key)}");
        if (!slots.Own) NftSharedSlots.Update(text, f, s, slots, null, null, id, options);
        if (NftServiceChain.Needed(s, slots)) NftServiceChain.Remove(tail, f, id, slots.Own);
        if (s.Persistence is not null) NftPersistence.Remove(tail, f, id);
    }

    private static void RenderNat(
        StringBuilder text, StringBuilder tail, VirtualService? before, VirtualService s, int id, NftOptions options,
        Func<DestinationKey, int> conns, IReadOnlySet<string>? known, HashSet<string> created)
    {
        var f = NftFamily.Of(s.Key.Family);
        var beforeSlots = before is null ? null : NftSlots.For(before, options, conns);
        var slots = NftSlots.For(s, options, conns);
        var beforeOwnMap = beforeSlots?.Own == true;
        var beforeOwnChain = before is not null && NftServiceChain.Needed(before, beforeSlots!);
        var ownChain = NftServiceChain.Needed(s, slots);
        NftSharedSlots.Update(text, f, beforeOwnMap ? null : before, beforeSlots, slots.Own ? null : s, slots, id, options);

        string? dispatch = null;
        if (!slots.Own)
        {
            dispatch = NftSharedSlots.DispatchChain(s, slots);
            var chainName = $"{f.Table}/{dispatch}";
            if (dispatch != NftSharedSlots.NoSlots && known?.Contains(chainName) != true && created.Add(chainName))
            {
                NftSharedSlots.CreateDispatchChain(text, f, s, slots, options);
            }
        }

        if (ownChain)
        {
            NftServiceChain.Open(text, f, id, beforeOwnChain);
            if (s.Persistence is not null) NftPersistence.Render(text, f, before, s, id, options);
            if (slots.Own) NftServiceChain.OwnSlots(text, f, before, beforeOwnMap, s, id, slots, options);
            else if (dispatch != NftSharedSlots.NoSlots) text.AppendLine(CultureInfo.InvariantCulture, $"add rule {f.Prefix} vs_{id} goto {dispatch}");
        }

        var oldTarget = before is null ? null : beforeOwnChain ? NftServiceChain.Name(id) : NftSharedSlots.DispatchChain(before, beforeSlots!);
        var newTarget = ownChain ? NftServiceChain.Name(id) : dispatch!;
        if (oldTarget != newTarget)
        {
            if (before is not null) text.AppendLine(CultureInfo.InvariantCulture, $"delete element {f.Prefix} {DispatchElement(s.Key)}");
            text.AppendLine(CultureInfo.InvariantCulture, $"add element {f.Prefix} {DispatchElement(s.Key, newTarget)}");
        }

        if (beforeOwnChain && !ownChain) NftServiceChain.Remove(tail, f, id, beforeOwnMap);
        else if (beforeOwnMap && !slots.Own) tail.AppendLine(CultureInfo.InvariantCulture, $"delete map {f.Prefix} slots_{id}");
        if (before?.Persistence is not null && s.Persistence is null) NftPersistence.Remove(tail, f, id);
    }

    private static string Target(Destination d, bool withPort, string separator)
    {
        if (!withPort) return d.Address.ToString();
        var address = separator == ":" && d.Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{d.Address}]" : d.Address.ToString();
        return $"{address}{separator}{d.Port}";
    }

    private static void RemoveDr(StringBuilder text, VirtualService s, int id)
    {
        var p = $"netdev {DrTableName}";
        text.AppendLine(CultureInfo.InvariantCulture, $"delete element {p} {DispatchElement(s.Key)}");
        text.AppendLine(CultureInfo.InvariantCulture, $"flush chain {p} dr_{id}");
        text.AppendLine(CultureInfo.InvariantCulture, $"delete chain {p} dr_{id}");
        text.AppendLine(CultureInfo.InvariantCulture, $"delete map {p} conn_{id}");
        text.AppendLine(CultureInfo.InvariantCulture, $"delete map {p} pick_{id}");
        text.AppendLine(CultureInfo.InvariantCulture, $"delete map {p} servers_{id}");
    }

    private static void RenderDr(StringBuilder text, VirtualService? before, VirtualService s, int id, NftOptions options, Func<DestinationKey, int> conns)
    {
        var p = $"netdev {DrTableName}";
        var chain = $"dr_{id}";
        var timeout = (long)Math.Max(1, options.DrConnectionTimeout.TotalSeconds);
        text.AppendLine(CultureInfo.InvariantCulture,
            $"add map {p} conn_{id} {{ type ipv4_addr . inet_service : mark ; flags dynamic,timeout ; timeout {timeout}s ; size {options.TableSize} ; }}");
        text.AppendLine(CultureInfo.InvariantCulture, $"add chain {p} {chain}");
        if (before is not null) text.AppendLine(CultureInfo.InvariantCulture, $"flush chain {p} {chain}");
        // Named maps (pick_ID: slot -> server mark, servers_ID: mark -> address) rather than inline
        // ones, for the same libnftables cache cost as the NAT slot maps.
        text.AppendLine(CultureInfo.InvariantCulture, $"add map {p} pick_{id} {{ typeof numgen inc mod 1 : meta mark ; }}");
        text.AppendLine(CultureInfo.InvariantCulture, $"add map {p} servers_{id} {{ typeof meta mark : ip daddr ; }}");
        if (before is not null)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"flush map {p} pick_{id}");
            text.AppendLine(CultureInfo.InvariantCulture, $"flush map {p} servers_{id}");
        }

        var slots = NftSlots.For(s, options, conns);
        var proto = Proto(s.Key.Protocol);
        var first = s.Key.Protocol == IpProtocol.Tcp ? "tcp flags & (syn | ack) == syn " : $"meta l4proto {proto} ";
        if (slots.Slots.Length > 0)
        {
            var map = string.Join(", ", slots.Slots.Select((d, slot) => $"{slot} : {Mark(s.Destinations[d].Address)}"));
            text.AppendLine(CultureInfo.InvariantCulture, $"add element {p} pick_{id} {{ {map} }}");
            text.AppendLine(CultureInfo.InvariantCulture,
                $"add rule {p} {chain} {first}meta mark set {slots.Selector(NftFamily.V4, options)} map @pick_{id} add @conn_{id} {{ ip saddr . th sport : meta mark }}");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"add rule {p} {chain} meta mark set ip saddr . th sport map @conn_{id} update @conn_{id} {{ ip saddr . th sport : meta mark }}");

        // Servers just removed stay reachable for the flows they already hold (until the next
        // change), as IPVS keeps a removed destination for its connections.
        var reachable = s.Destinations.Concat(before?.Destinations ?? EquatableList<Destination>.Empty)
            .Select(d => d.Address).Distinct().OrderBy(a => a.ToString(), StringComparer.Ordinal);
        text.AppendLine(CultureInfo.InvariantCulture, $"add element {p} servers_{id} {{ {string.Join(", ", reachable.Select(a => $"{Mark(a)} : {a}"))} }}");
        text.AppendLine(CultureInfo.InvariantCulture, $"add rule {p} {chain} fwd ip to meta mark map @servers_{id} device \"{options.DrEgressDevice}\"");
        if (before is null) text.AppendLine(CultureInfo.InvariantCulture, $"add element {p} {DispatchElement(s.Key, chain)}");
    }

    /// <summary>An IPv4 address as the 32-bit mark that names its server in a DR flow table.</summary>
    private static string Mark(IPAddress address)
    {
        var b = address.GetAddressBytes();
        return $"0x{b[0]:x2}{b[1]:x2}{b[2]:x2}{b[3]:x2}";
    }

    private static void RemoveRegistry(StringBuilder text, VirtualService s, int id)
    {
        var p = NftFamily.Of(s.Key.Family).Prefix;
        text.AppendLine(CultureInfo.InvariantCulture, $"delete element {p} registry {{ {id} }}");
        if (s.Destinations.Count > 0)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"delete element {p} dests {{ {string.Join(", ", s.Destinations.Select(d => NftRegistryCodec.EncodeDestination(id, d)))} }}");
        }
    }

    private static void UpdateRegistry(StringBuilder text, VirtualService? before, VirtualService s, int id)
    {
        var p = NftFamily.Of(s.Key.Family).Prefix;
        if (before is null || !before.SameSettingsAs(s))
        {
            if (before is not null) text.AppendLine(CultureInfo.InvariantCulture, $"delete element {p} registry {{ {id} }}");
            text.AppendLine(CultureInfo.InvariantCulture, $"add element {p} registry {{ {id} comment \"{NftRegistryCodec.EncodeService(s)}\" }}");
        }

        var old = before?.Destinations.Where(d => s.Destinations.All(n => n != d)).ToArray() ?? [];
        var added = s.Destinations.Where(d => before is null || before.Destinations.All(o => o != d)).ToArray();
        if (old.Length > 0) text.AppendLine(CultureInfo.InvariantCulture, $"delete element {p} dests {{ {string.Join(", ", old.Select(d => NftRegistryCodec.EncodeDestination(id, d)))} }}");
        if (added.Length > 0) text.AppendLine(CultureInfo.InvariantCulture, $"add element {p} dests {{ {string.Join(", ", added.Select(d => NftRegistryCodec.EncodeDestination(id, d)))} }}");
    }

    private static void UpdateHairpin(StringBuilder text, NftFamily f, DesiredTable current, DesiredTable target, HashSet<VirtualServiceKey> touched)
    {
        var (gone, come) = HairpinChanges(f, current, target, touched);
        if (gone.Length > 0) text.AppendLine(CultureInfo.InvariantCulture, $"delete element {f.Prefix} hairpin {{ {string.Join(", ", gone)} }}");
        if (come.Length > 0) text.AppendLine(CultureInfo.InvariantCulture, $"add element {f.Prefix} hairpin {{ {string.Join(", ", come)} }}");
    }

    /// <summary>
    /// The addresses leaving and entering the hairpin set. Only addresses of touched services can
    /// enter or leave it; the rest of the table is scanned only for those candidates.
    /// </summary>
    internal static (string[] Gone, string[] Come) HairpinChanges(NftFamily f, DesiredTable current, DesiredTable target, HashSet<VirtualServiceKey> touched)
    {
        var before = HairpinAddresses(touched.Select(current.Find), f);
        var after = HairpinAddresses(touched.Select(target.Find), f);
        var gone = before.Except(after).ToArray();
        var come = after.Except(before).ToArray();
        if (gone.Length > 0) gone = gone.Except(Untouched(target, f, touched)).ToArray();
        if (come.Length > 0) come = come.Except(Untouched(current, f, touched)).ToArray();
        return (gone, come);
    }

    private static SortedSet<string> Untouched(DesiredTable table, NftFamily f, HashSet<VirtualServiceKey> touched) =>
        HairpinAddresses(table.Services.Values.Where(s => !touched.Contains(s.Key)), f);

    private static SortedSet<string> HairpinAddresses(IEnumerable<VirtualService?> services, NftFamily f) => new(
        services
            .Where(s => s is not null && NftFamily.Of(s.Key.Family) == f)
            .SelectMany(s => s!.Destinations)
            .Where(d => d.Method == ForwardingMethod.Masquerade)
            .Select(d => d.Address.ToString()),
        StringComparer.Ordinal);
}
