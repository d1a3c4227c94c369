using System.Net;

namespace Director.Core.Vrrp;

/// <summary>
/// An IPv4 header as raw VRRP sockets deliver it (and as we may send it with IP_HDRINCL).
/// keepalived 2.2.7 sends TOS 0xC0, TTL 255, protocol 112, no DF, an id counting up per instance
/// (<see cref="NextVrrpIdentification"/>).
/// </summary>
public sealed record Ipv4Header(
    byte Tos,
    ushort TotalLength,
    ushort Identification,
    bool DontFragment,
    bool MoreFragments,
    ushort FragmentOffset,
    byte Ttl,
    byte Protocol,
    ushort HeaderChecksum,
    IPAddress Source,
    IPAddress Destination,
    int HeaderLength = Ipv4Header.MinimumLength)
{
    public const int MinimumLength = 20;

    /// <summary>
    /// The id of an instance's next advert, after <paramref name="previous"/> (0 before the first):
    /// keepalived counts from 1 per instance and, never sending 0 (the kernel would fill it in),
    /// goes on from 65535 to 2.
    /// </summary>
    public static ushort NextVrrpIdentification(ushort previous) =>
        previous == ushort.MaxValue ? (ushort)2 : (ushort)(previous + 1);

    /// <summary>The header keepalived puts before a VRRP message of <paramref name="payloadLength"/> bytes.</summary>
    public static Ipv4Header ForVrrp(IPAddress source, IPAddress destination, ushort identification, int payloadLength) =>
        new(VrrpWire.Ipv4Tos, checked((ushort)(MinimumLength + payloadLength)), identification,
            DontFragment: false, MoreFragments: false, FragmentOffset: 0, VrrpWire.RequiredTtl,
            VrrpWire.IpProtocol, HeaderChecksum: 0, source, destination);
}
