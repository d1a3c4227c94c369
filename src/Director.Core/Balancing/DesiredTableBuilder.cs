using System.Net;
using System.Net.Sockets;
using Director.Core.Balancing.Policy;
using Director.Core.Config.Model;

namespace Director.Core.Balancing;

/// <summary>
/// Turns the virtual_server blocks and the live health of their real servers into the table the
/// kernel should hold, as keepalived does: a down server is removed, or kept at weight 0 with
/// inhibit_on_failure; when the live weight falls below <c>quorum</c> the sorry server is added.
/// Groups expand to one service per member (address ranges included).
/// </summary>
public static class DesiredTableBuilder
{
    /// <summary>Every real server up: the table a fresh start aims for before the first checks.</summary>
    public static DesiredTable AllUp(KeepalivedConfig config) => From(config, _ => RealServerHealth.Up);

    public static DesiredTable From(KeepalivedConfig config, Func<RealServerKey, RealServerHealth> health)
    {
        var services = new Dictionary<VirtualServiceKey, VirtualService>();
        foreach (var vs in config.VirtualServer)
        {
            foreach (var key in KeysOf(vs, config))
            {
                services[key] = BuildService(vs, key, health);
            }
        }

        return new DesiredTable(services.Values);
    }

    private static VirtualService BuildService(VirtualServer vs, VirtualServiceKey key, Func<RealServerKey, RealServerHealth> health)
    {
        var destinations = new List<Destination>();
        long liveWeight = 0;
        foreach (var rs in vs.RealServer)
        {
            var state = health(new RealServerKey(vs.Address, vs.Protocol, rs.Address));
            var weight = state.Weight ?? rs.Weight;
            if (state.IsUp) liveWeight += weight;
            else if (rs.InhibitOnFailure || vs.InhibitOnFailure) weight = 0;
            else continue;
            destinations.Add(RealDestination(vs, rs, key, weight));
        }

        var (quorum, hysteresis) = QuorumRules.Of(vs);
        if (vs.SorryServer is not null && liveWeight < quorum + hysteresis)
        {
            if (vs.SorryServerInhibit) destinations.Clear();
            var sorryDestination = SorryDestination(vs, key, 1);
            destinations.RemoveAll(d => d.Key == sorryDestination.Key);
            destinations.Add(sorryDestination);
        }

        return ServiceSettings(vs, key) with
        {
            Destinations = destinations
                .OrderBy(d => d.Address.ToString(), StringComparer.Ordinal)
                .ThenBy(d => d.Port)
                .ToEquatableList(),
        };
    }

    /// <summary>
    /// The service without destinations, as keepalived's checker installs it: persistence (with
    /// its engine) only with a timeout; a group member's granularity is the host's, as keepalived
    /// resets the netmask of every group entry.
    /// </summary>
    internal static VirtualService ServiceSettings(VirtualServer vs, VirtualServiceKey key) => new()
    {
        Key = key,
        Scheduler = new Scheduler(vs.LbAlgo.ToString().ToLowerInvariant()),
        SchedulerFlags = FlagsOf(vs.SchedulerFlags),
        Persistence = vs.PersistenceTimeout is { } timeout
            ? new Persistence(timeout, vs.Address is GroupAddress ? null : vs.PersistenceGranularity, vs.PersistenceEngine)
            : null,
        OnePacket = vs.Ops,
    };

    private static SchedulerFlags FlagsOf(IEnumerable<SchedulerFlag> flags) => flags.Aggregate(SchedulerFlags.None, (all, flag) => all | flag switch
    {
        SchedulerFlag.Flag1 or SchedulerFlag.ShFallback or SchedulerFlag.MhFallback => SchedulerFlags.Flag1,
        SchedulerFlag.Flag2 or SchedulerFlag.ShPort or SchedulerFlag.MhPort => SchedulerFlags.Flag2,
        _ => SchedulerFlags.Flag3,
    });

    /// <summary>A real server with its own lvs_method (else the virtual server's) and thresholds.</summary>
    internal static Destination RealDestination(VirtualServer vs, RealServer rs, VirtualServiceKey key, int weight)
    {
        var (kind, tunnel) = rs.LvsMethod is { } own ? (own, rs.Tunnel) : (vs.LbKind, vs.Tunnel);
        return ToDestination(rs.Address, key, weight, kind, tunnel) with
        {
            UpperThreshold = rs.UpperThreshold,
            LowerThreshold = rs.LowerThreshold,
        };
    }

    /// <summary>The sorry server with <c>sorry_server_lvs_method</c> (else the virtual server's method).</summary>
    internal static Destination SorryDestination(VirtualServer vs, VirtualServiceKey key, int weight)
    {
        var sorry = vs.SorryServer ?? throw new ArgumentException($"{key} has no sorry server", nameof(vs));
        var (kind, tunnel) = vs.SorryServerLvsMethod is { } own ? (own, vs.SorryServerTunnel) : (vs.LbKind, vs.Tunnel);
        return ToDestination(sorry, key, weight, kind, tunnel);
    }

    /// <summary>
    /// keepalived's ports: DR and TUN destinations take the service's port (none for fwmark
    /// services); NAT ones keep their own (the binder gives an address service's real servers its
    /// port when they name none; a group's or a sorry server's stay at 0).
    /// </summary>
    private static Destination ToDestination(RealServerAddress address, VirtualServiceKey key, int weight, LbKind kind, TunnelOptions? tunnel) => new()
    {
        Address = address.Ip,
        Port = kind == LbKind.Nat ? address.Port : key.Port,
        Weight = weight,
        Method = MethodOf(kind),
        Tunnel = kind == LbKind.Tun && tunnel is not null && tunnel != TunnelOptions.Ipip ? tunnel : null,
    };

    private static ForwardingMethod MethodOf(LbKind kind) => kind switch
    {
        LbKind.Dr => ForwardingMethod.DirectRoute,
        LbKind.Tun => ForwardingMethod.Tunnel,
        _ => ForwardingMethod.Masquerade,
    };

    private static IpProtocol ProtocolOf(Protocol protocol) => protocol switch
    {
        Protocol.Udp => IpProtocol.Udp,
        Protocol.Sctp => IpProtocol.Sctp,
        _ => IpProtocol.Tcp,
    };

    private static IEnumerable<VirtualServiceKey> KeysOf(VirtualServer vs, KeepalivedConfig config)
    {
        var protocol = ProtocolOf(vs.Protocol);
        switch (vs.Address)
        {
            case IpPortAddress ip:
                yield return VirtualServiceKey.ForAddress(ip.Ip, ip.Port, protocol);
                break;
            case FwmarkAddress mark:
                yield return VirtualServiceKey.ForFwmark((uint)mark.Fwmark, FamilyOf(vs) ?? FamilyOfTunnelled(vs), protocol);
                break;
            case GroupAddress group:
                var members = config.VirtualServerGroup.FirstOrDefault(g => g.Name == group.Group)?.Members
                    ?? EquatableList<VirtualServerGroupMember>.Empty;
                foreach (var member in members)
                {
                    if (member.Fwmark is { } fwmark)
                    {
                        var family = member.FwmarkFamily is { } own ? FamilyOf(own) : FamilyOf(vs) ?? IpFamily.V4;
                        yield return VirtualServiceKey.ForFwmark((uint)fwmark, family, protocol);
                        continue;
                    }

                    foreach (var address in ExpandRange(member))
                    {
                        yield return VirtualServiceKey.ForAddress(address, member.Port, protocol);
                    }
                }

                break;
        }
    }

    /// <summary>
    /// keepalived's family of a virtual server: <c>ip_family</c>, its address, else the first real
    /// server (then the sorry server) not forwarded through a tunnel (a tunnel may cross families).
    /// </summary>
    internal static IpFamily? FamilyOf(VirtualServer vs)
    {
        if (vs.IpFamily is { } family) return FamilyOf(family);
        if (vs.Address is IpPortAddress ip) return FamilyOf(ip.Ip);
        foreach (var rs in vs.RealServer)
            if ((rs.LvsMethod ?? vs.LbKind) != LbKind.Tun) return FamilyOf(rs.Address.Ip);
        if (vs.SorryServer is { } sorry && (vs.SorryServerLvsMethod ?? vs.LbKind) != LbKind.Tun) return FamilyOf(sorry.Ip);
        return null;
    }

    /// <summary>A fwmark service whose servers are all tunnelled: their common family, IPv4 when mixed.</summary>
    private static IpFamily FamilyOfTunnelled(VirtualServer vs)
    {
        var families = vs.RealServer.Select(r => r.Address.Ip).Prepend(vs.SorryServer?.Ip).OfType<IPAddress>().Select(FamilyOf).Distinct().ToList();
        return families.Count == 1 ? families[0] : IpFamily.V4;
    }

    private static IpFamily FamilyOf(IPAddress address) => address.AddressFamily == AddressFamily.InterNetworkV6 ? IpFamily.V6 : IpFamily.V4;

    private static IpFamily FamilyOf(InetFamily family) => family == InetFamily.Inet6 ? IpFamily.V6 : IpFamily.V4;

    /// <summary><c>IP-LAST</c>: the last octet (IPv4) or last 16-bit group (IPv6) runs up to LAST.</summary>
    internal static IEnumerable<IPAddress> ExpandRange(VirtualServerGroupMember member)
    {
        if (member.Ip is null) yield break;
        if (member.RangeEnd is not { } end)
        {
            yield return member.Ip;
            yield break;
        }

        var bytes = member.Ip.GetAddressBytes();
        if (bytes.Length == 4)
        {
            for (int last = bytes[3]; last <= end && last <= 255; last++)
            {
                bytes[3] = (byte)last;
                yield return new IPAddress(bytes);
            }

            yield break;
        }

        for (int group = (bytes[14] << 8) | bytes[15]; group <= end && group <= 0xffff; group++)
        {
            bytes[14] = (byte)(group >> 8);
            bytes[15] = (byte)group;
            yield return new IPAddress(bytes);
        }
    }
}
