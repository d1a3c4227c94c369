using System.Net;

namespace Director.Native.Sockets;

/// <summary>
/// A VRRP packet as received: <see cref="Payload"/> is the VRRP message (after the IPv4 header
/// for IPv4; IPv6 raw sockets deliver no header). <see cref="HopLimit"/> is the IPv4 TTL or the
/// IPv6 hop limit; <see cref="InterfaceIndex"/> is 0 when unknown (IPv4).
/// </summary>
public sealed record ReceivedVrrpPacket(
    IPAddress Source,
    IPAddress Destination,
    int HopLimit,
    int InterfaceIndex,
    ReadOnlyMemory<byte> Payload)
{
    /// <summary>IPv4: the whole datagram as received, IP header included (the receive checks read TTL and lengths from it); IPv6: the payload.</summary>
    public ReadOnlyMemory<byte> Datagram { get; init; } = Payload;
}

/// <summary>A raw VRRP socket (protocol 112) bound to one interface.</summary>
public interface IVrrpSocket : IDisposable
{
    string InterfaceName { get; }
    int InterfaceIndex { get; }

    /// <summary>
    /// Sends <paramref name="vrrpMessage"/> (checksum already set by the caller for IPv4; the
    /// kernel computes it for IPv6) to a multicast group or a unicast peer, TTL/hop limit 255.
    /// <paramref name="source"/> null lets the kernel choose the interface's primary address.
    /// </summary>
    void Send(ReadOnlySpan<byte> vrrpMessage, IPAddress destination, IPAddress? source = null);

    /// <summary>Waits for the next packet. Packets that cannot be parsed are skipped.</summary>
    ValueTask<ReceivedVrrpPacket> ReceiveAsync(CancellationToken cancellationToken);
}

public static class VrrpProtocol
{
    public const int IpProtocol = 112;
    public static readonly IPAddress MulticastV4 = IPAddress.Parse("224.0.0.18");
    public static readonly IPAddress MulticastV6 = IPAddress.Parse("ff02::12");
    public const byte Tos = 0xC0;
    public const byte HopLimit = 255;
}
