using System.Globalization;
using System.Text;

namespace Director.Core.Balancing.Nft;

/// <summary>
/// Persistence (persistence_timeout) for NAT services. Chain <c>vs_ID</c> (<see cref="NftServiceChain"/>)
/// first DNATs a client found in map <c>persist_ID</c> (masked source -> server); the others go on
/// to the service's scheduling. After NAT, every new DNATed connection of the service passes chain
/// <c>rec_ID</c> (through <c>precord</c>, hooked just after the NAT chains), which records or
/// refreshes the client's entry with the server it got, so each new connection restarts the
/// timeout. A client pinned to a server no longer listed has its entry expired at once and its
/// first packet dropped: its retransmission is scheduled afresh, while other clients stay pinned.
/// </summary>
/// <remarks>
/// IPv6: libnftables 1.0.6 aborts (register assertion) on a dynamic-set update whose data joins an
/// IPv6 address to anything, so IPv6 entries hold the address only and the service's one port is
/// added at DNAT (<see cref="Validate"/> refuses IPv6 services whose servers differ in port).
/// </remarks>
internal static class NftPersistence
{
    public static string Skeleton(NftFamily f) => string.Create(CultureInfo.InvariantCulture, $$"""
        add chain {{f.Prefix}} precord
        add chain {{f.Prefix}} persist_pre { type filter hook prerouting priority -99 ; policy accept ; }
        add chain {{f.Prefix}} persist_out { type filter hook output priority -99 ; policy accept ; }
        flush chain {{f.Prefix}} persist_pre
        flush chain {{f.Prefix}} persist_out
        add rule {{f.Prefix}} persist_pre ct state new ct status dnat goto precord
        add rule {{f.Prefix}} persist_out ct state new ct status dnat goto precord

        """);

    public static void Validate(VirtualService s)
    {
        if (s.Persistence is null || s.Key.Family != IpFamily.V6 || !NftSharedSlots.WithPort(s)) return;
        if (s.Destinations.Select(d => d.Port).Distinct().Count() > 1)
        {
            throw new NotSupportedException($"{s.Key}: persistence on nftables needs the IPv6 real servers of a service to share one port.");
        }
    }

    /// <summary>The port DNAT adds to a pinned address when entries hold the address only (IPv6).</summary>
    private static int? FixedPort(VirtualService s) =>
        s.Key.Family == IpFamily.V6 && NftSharedSlots.WithPort(s) && s.Destinations.Count > 0 ? s.Destinations[0].Port : null;

    /// <summary>The pin map, the record chain and the first rule of <c>vs_ID</c> (opened and emptied by the caller).</summary>
    public static void Render(StringBuilder text, NftFamily f, VirtualService? before, VirtualService s, int id, NftOptions options)
    {
        var p = f.Prefix;
        var persistence = s.Persistence!;
        var withPort = NftSharedSlots.WithPort(s);
        var fixedPort = FixedPort(s);
        var pinsPort = withPort && fixedPort is null;
        var existed = before?.Persistence is not null;
        if (existed && (before!.Persistence != persistence || NftSharedSlots.WithPort(before) != withPort || FixedPort(before) != fixedPort))
        {
            // The map's data type or mask changes: recreate it (its pins go). vs_ID is already empty.
            text.AppendLine(CultureInfo.InvariantCulture, $"flush chain {p} rec_{id}");
            text.AppendLine(CultureInfo.InvariantCulture, $"delete map {p} persist_{id}");
        }

        var data = pinsPort ? $"{f.AddressType} . inet_service" : f.AddressType;
        var timeout = (long)Math.Max(1, persistence.Timeout.TotalSeconds);
        text.AppendLine(CultureInfo.InvariantCulture,
            $"add map {p} persist_{id} {{ type {f.AddressType} : {data} ; flags dynamic,timeout ; timeout {timeout}s ; size {options.TableSize} ; }}");
        var client = Client(f, persistence);
        var l4 = withPort ? $"meta l4proto {s.Key.Protocol.ToString().ToLowerInvariant()} " : "";
        text.AppendLine(CultureInfo.InvariantCulture, $"add chain {p} rec_{id}");
        if (existed) text.AppendLine(CultureInfo.InvariantCulture, $"flush chain {p} rec_{id}");

        var port = fixedPort is { } fp ? string.Create(CultureInfo.InvariantCulture, $" : {fp}") : "";
        text.AppendLine(CultureInfo.InvariantCulture, $"add rule {p} vs_{id} {l4}dnat {f.Table} to {client} map @persist_{id}{port}");

        var server = withPort ? $"{f.Header} daddr . th dport" : $"{f.Header} daddr";
        var pin = pinsPort ? server : $"{f.Header} daddr";
        var listed = s.Destinations.Select(d => withPort ? $"{d.Address} . {d.Port.ToString(CultureInfo.InvariantCulture)}" : d.Address.ToString()).Distinct().ToArray();
        var unlisted = listed.Length > 0 ? $"{server} != {{ {string.Join(", ", listed)} }} " : "";
        text.AppendLine(CultureInfo.InvariantCulture, $"add rule {p} rec_{id} {unlisted}update @persist_{id} {{ {client} timeout 1ms : {pin} }} drop");
        text.AppendLine(CultureInfo.InvariantCulture, $"add rule {p} rec_{id} update @persist_{id} {{ {client} timeout {timeout}s : {pin} }}");
    }

    /// <summary>Deletes what <see cref="Render"/> made; call after <c>vs_ID</c> and <c>precord</c> no longer name it.</summary>
    public static void Remove(StringBuilder text, NftFamily f, int id)
    {
        var p = f.Prefix;
        text.AppendLine(CultureInfo.InvariantCulture, $"flush chain {p} rec_{id}");
        text.AppendLine(CultureInfo.InvariantCulture, $"delete chain {p} rec_{id}");
        text.AppendLine(CultureInfo.InvariantCulture, $"delete map {p} persist_{id}");
    }

    /// <summary>Rewrites <c>precord</c>: one rule per persistent NAT service of the family, matching its original destination.</summary>
    public static void Records(StringBuilder text, NftFamily f, IEnumerable<(VirtualService Service, int Id)> persistent)
    {
        var p = f.Prefix;
        text.AppendLine(CultureInfo.InvariantCulture, $"flush chain {p} precord");
        foreach (var (s, id) in persistent)
        {
            var match = s.Key.IsFwmark
                ? string.Create(CultureInfo.InvariantCulture, $"meta mark {s.Key.Fwmark}")
                : string.Create(CultureInfo.InvariantCulture,
                    $"ct original {f.Header} daddr {s.Key.Address} meta l4proto {s.Key.Protocol.ToString().ToLowerInvariant()} ct original proto-dst {s.Key.Port}");
            text.AppendLine(CultureInfo.InvariantCulture, $"add rule {p} precord {match} goto rec_{id}");
        }
    }

    private static string Client(NftFamily f, Persistence persistence) =>
        persistence.Netmask is { } mask ? $"{f.Header} saddr & {mask}" : $"{f.Header} saddr";
}
