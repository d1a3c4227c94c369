using System.Net;

namespace Director.Native.Ipvs;

/// <summary>
/// An IPVS destination (real server) as NEW_DEST / SET_DEST carry it. Its address family is the
/// address's own (IPVS allows IPv4 tunnel destinations under an IPv6 service and vice versa).
/// </summary>
public sealed record IpvsDestination
{
    public required IPAddress Address { get; init; }

    public ushort Port { get; init; }

    public IpvsForwarding Forwarding { get; init; } = IpvsForwarding.DirectRoute;

    public int Weight { get; init; } = 1;

    /// <summary>Upper connection threshold; 0 = none.</summary>
    public uint UpperThreshold { get; init; }

    /// <summary>Lower connection threshold; 0 = none.</summary>
    public uint LowerThreshold { get; init; }

    public IpvsTunnelType TunnelType { get; init; }

    /// <summary>UDP port of a GUE tunnel.</summary>
    public ushort TunnelPort { get; init; }

    public IpvsTunnelFlags TunnelFlags { get; init; }

    /// <summary>A destination named by address and port only (deletion), with ipvsadm's defaults elsewhere.</summary>
    public static IpvsDestination KeyOnly(IPAddress address, ushort port) => new() { Address = address, Port = port };

    public override string ToString() =>
        $"{(Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{Address}]" : Address)}:{Port} {Forwarding} w{Weight}";
}
