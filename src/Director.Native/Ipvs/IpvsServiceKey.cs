using System.Net;
using System.Net.Sockets;

namespace Director.Native.Ipvs;

/// <summary>
/// What identifies an IPVS service: (address family, protocol, address, port), or (address
/// family, fwmark) when <see cref="Fwmark"/> is non-zero (then protocol, address and port are not sent).
/// </summary>
public sealed record IpvsServiceKey
{
    public AddressFamily Family { get; init; } = AddressFamily.InterNetwork;

    /// <summary>IP protocol number: 6 TCP, 17 UDP, 132 SCTP.</summary>
    public ushort Protocol { get; init; }

    public IPAddress? Address { get; init; }

    public ushort Port { get; init; }

    public uint Fwmark { get; init; }

    public bool IsFwmark => Fwmark != 0;

    public static IpvsServiceKey ForAddress(ushort protocol, IPAddress address, ushort port) =>
        new() { Family = address.AddressFamily, Protocol = protocol, Address = address, Port = port };

    public static IpvsServiceKey ForFwmark(uint fwmark, AddressFamily family = AddressFamily.InterNetwork) =>
        new() { Family = family, Fwmark = fwmark };

    public override string ToString() => IsFwmark
        ? $"{Family} fwmark {Fwmark}"
        : $"proto {Protocol} {(Family == AddressFamily.InterNetworkV6 ? $"[{Address}]" : Address)}:{Port}";
}
