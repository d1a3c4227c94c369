using System.Net;
using System.Net.Sockets;
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
        var method = MethodOf(vs.LbKind);
        var destinations = new List<Destination>();
        long liveWeight = 0;
        foreach (var rs in vs.RealServer)
        {
            var state = health(new RealServerKey(vs.Address, vs.Protocol, rs.Address));
            var weight = state.Weight ?? rs.Weight;
            if (state.IsUp) liveWeight += weight;
            else if (rs.InhibitOnFailure || vs.InhibitOnFailure) weight = 0;
            else continue;
            destinations.Add(ToDestination(rs.Address, key, weight, method));
        }

        if (vs.SorryServer is { } sorry && liveWeight < vs.Quorum)
        {
            if (vs.SorryServerInhibit) destinations.Clear();
            var sorryDestination = ToDestination(sorry, key, 1, method);
            destinations.RemoveAll(d => d.Key == sorryDestination.Key);
            destinations.Add(sorryDestination);
        }

        return new VirtualService
        {
            Key = key,
            Scheduler = new Scheduler(vs.LbAlgo.ToString().ToLowerInvariant()),
            Persistence = vs.PersistenceTimeout is { } timeout ? new Persistence(timeout, vs.PersistenceGranularity) : null,
            OnePacket = vs.Ops,
            Destinations = destinations
                .OrderBy(d => d.Address.ToString(), StringComparer.Ordinal)
                .ThenBy(d => d.Port)
                .ToEquatableList(),
        };
    }

    private static Destination ToDestination(RealServerAddress address, VirtualServiceKey key, int weight, ForwardingMethod method) => new()
    {
        Address = address.Ip,
        Port = address.Port != 0 || key.IsFwmark ? address.Port : key.Port,
        Weight = weight,
        Method = method,
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
                yield return VirtualServiceKey.ForFwmark((uint)mark.Fwmark, FamilyOfRealServers(vs), protocol);
                break;
            case GroupAddress group:
                var members = config.VirtualServerGroup.FirstOrDefault(g => g.Name == group.Group)?.Members
                    ?? EquatableList<VirtualServerGroupMember>.Empty;
                foreach (var member in members)
                {
                    if (member.Fwmark is { } fwmark)
                    {
                        yield return VirtualServiceKey.ForFwmark((uint)fwmark, FamilyOfRealServers(vs), protocol);
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

    private static IpFamily FamilyOfRealServers(VirtualServer vs) =>
        vs.RealServer.Any(r => r.Address.Ip.AddressFamily == AddressFamily.InterNetworkV6) ? IpFamily.V6 : IpFamily.V4;

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
