using System.Net;

namespace Director.Core.Balancing;

/// <summary>
/// Identity of a virtual service: (family, protocol, address, port) or (family, fwmark).
/// For fwmark services <see cref="Address"/> is null, <see cref="Port"/> 0 and the protocol is
/// carried only as an attribute (IPVS matches fwmark services on the mark alone).
/// </summary>
public sealed record VirtualServiceKey
{
    public IpFamily Family { get; init; }

    public IpProtocol Protocol { get; init; }

    public IPAddress? Address { get; init; }

    public int Port { get; init; }

    /// <summary>Non-zero for a fwmark service.</summary>
    public uint Fwmark { get; init; }

    public bool IsFwmark => Fwmark != 0;

    public static VirtualServiceKey ForAddress(IPAddress address, int port, IpProtocol protocol) => new()
    {
        Family = address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? IpFamily.V6 : IpFamily.V4,
        Protocol = protocol,
        Address = address,
        Port = port,
    };

    public static VirtualServiceKey ForFwmark(uint fwmark, IpFamily family, IpProtocol protocol) => new()
    {
        Family = family,
        Protocol = protocol,
        Fwmark = fwmark,
    };

    public override string ToString() => IsFwmark
        ? $"{Family} fwmark {Fwmark}"
        : $"{Protocol.ToString().ToUpperInvariant()} {(Family == IpFamily.V6 ? $"[{Address}]" : Address)}:{Port}";
}
