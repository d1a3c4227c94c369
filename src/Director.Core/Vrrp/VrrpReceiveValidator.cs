using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace Director.Core.Vrrp;

/// <summary>
/// The receive checks of keepalived's vrrp_check_packet, in its order, each failure a distinct
/// <see cref="VrrpDropReason"/>. VRID and own-source checks come first, as keepalived's
/// dispatcher makes them before the packet reaches an instance.
/// </summary>
public static class VrrpReceiveValidator
{
    /// <summary>Validates an IPv4 datagram as a raw socket delivers it (IP header included).</summary>
    public static VrrpReceiveResult ValidateIpv4(ReadOnlySpan<byte> datagram, VrrpReceiveSettings settings)
    {
        if (!Ipv4HeaderCodec.TryRead(datagram, out var ip))
            return VrrpReceiveResult.Drop(VrrpDropReason.Truncated);
        if (ip.Protocol is not (VrrpWire.IpProtocol or VrrpWire.IpProtocolAh))
            return VrrpReceiveResult.Drop(VrrpDropReason.NotVrrp);
        if ((ip.Protocol == VrrpWire.IpProtocolAh) != (settings.AuthType == VrrpAuthType.Ah))
            return VrrpReceiveResult.Drop(VrrpDropReason.AhMismatch);
        if (settings.AuthType == VrrpAuthType.Ah)
            return VrrpReceiveResult.Drop(VrrpDropReason.AhUnsupported);

        var message = datagram[ip.HeaderLength..];
        return Validate(message, datagram.Length - ip.HeaderLength, ip.Ttl, ip.Source, ip.Destination,
            AddressFamily.InterNetwork, ip.TotalLength, datagram.Length, settings);
    }

    /// <summary>
    /// Validates an IPv6 VRRP payload (the kernel strips the IPv6 header; hop limit comes from
    /// IPV6_RECVHOPLIMIT, null when unknown). The checksum is verified by the kernel (IPV6_CHECKSUM),
    /// as keepalived relies on, so it is not checked here. A zone index (scope id) the socket
    /// attached to a link-local source or destination is dropped: it is local, not part of the address
    /// on the wire (RFC 4007 section 6), and configured addresses carry none, so the own-address and
    /// peer checks, and the master address reported, compare plain addresses as keepalived does.
    /// </summary>
    public static VrrpReceiveResult ValidateIpv6(ReadOnlySpan<byte> payload, int? hopLimit, IPAddress source,
        IPAddress destination, VrrpReceiveSettings settings) =>
        Validate(payload, payload.Length, hopLimit, WithoutZone(source), WithoutZone(destination), AddressFamily.InterNetworkV6,
            ipTotalLength: null, receivedLength: payload.Length, settings);

    private static IPAddress WithoutZone(IPAddress address) =>
        address.AddressFamily == AddressFamily.InterNetworkV6 && address.ScopeId != 0 ? new IPAddress(address.GetAddressBytes()) : address;

    private static VrrpReceiveResult Validate(ReadOnlySpan<byte> message, int messageLength, int? ttl,
        IPAddress source, IPAddress destination, AddressFamily family, int? ipTotalLength, int receivedLength,
        VrrpReceiveSettings settings)
    {
        if (messageLength < VrrpWire.HeaderLength)
            return VrrpReceiveResult.Drop(VrrpDropReason.Truncated);
        if (message[1] != settings.Vrid)
            return VrrpReceiveResult.Drop(VrrpDropReason.ForeignVrid);
        if (settings.OwnAddresses.Contains(source))
            return VrrpReceiveResult.Drop(VrrpDropReason.OwnSourceAddress);

        var versionNibble = message[0] >> 4;
        // As keepalived: only a version-2 header implies the 8 auth bytes; any other version does not.
        var layoutVersion = versionNibble == 2 ? VrrpVersion.V2 : VrrpVersion.V3;
        int count = message[3];
        var expected = VrrpPacketCodec.MessageLength(layoutVersion, family, count);
        if (messageLength < expected)
            return VrrpReceiveResult.Drop(VrrpDropReason.Truncated);
        if (messageLength > expected)
            return VrrpReceiveResult.Drop(VrrpDropReason.LengthMismatch);

        if (settings.IsMulticast && ttl is { } t && t != VrrpWire.RequiredTtl)
            return VrrpReceiveResult.Drop(VrrpDropReason.TtlNot255);
        if (versionNibble != (int)settings.Version)
            return VrrpReceiveResult.Drop(VrrpDropReason.WrongVersion);

        var decoded = VrrpPacketCodec.Decode(message, family);
        if (decoded.Packet is not { } packet)
            return VrrpReceiveResult.Drop(decoded.DropReason ?? VrrpDropReason.Truncated);

        if (packet.Version == VrrpVersion.V2)
        {
            if ((byte)packet.AuthType > (byte)VrrpAuthType.Ah)
                return VrrpReceiveResult.Drop(VrrpDropReason.InvalidAuthType);
            if (packet.AuthType != settings.AuthType)
                return VrrpReceiveResult.Drop(VrrpDropReason.AuthTypeMismatch);
            if (settings.AuthType == VrrpAuthType.Pass && !PasswordMatches(packet, settings))
                return VrrpReceiveResult.Drop(VrrpDropReason.PasswordMismatch);
            if (packet.AdvertInterval != settings.AdvertInterval)
                return VrrpReceiveResult.Drop(VrrpDropReason.AdvertIntervalMismatch);
        }

        if (packet.Type != VrrpWire.AdvertisementType)
            return VrrpReceiveResult.Drop(VrrpDropReason.WrongType);
        if (count != settings.VirtualAddresses.Count)
            return VrrpReceiveResult.Drop(VrrpDropReason.AddressCountMismatch);
        if (ipTotalLength is { } total && total != receivedLength)
            return VrrpReceiveResult.Drop(VrrpDropReason.IpTotalLengthMismatch);
        if (family == AddressFamily.InterNetwork &&
            !VrrpPacketCodec.VerifyChecksum(packet.Version, message[..expected], source, destination))
            return VrrpReceiveResult.Drop(VrrpDropReason.BadChecksum);
        if (IsMulticast(destination) != settings.IsMulticast)
            return VrrpReceiveResult.Drop(VrrpDropReason.CastMismatch);
        foreach (var vip in settings.VirtualAddresses)
        {
            if (!packet.Addresses.Contains(vip))
                return VrrpReceiveResult.Drop(VrrpDropReason.AddressListMismatch);
        }
        if (!settings.IsMulticast && settings.CheckUnicastSource && !settings.Peers.Contains(source))
            return VrrpReceiveResult.Drop(VrrpDropReason.NotUnicastPeer);

        return VrrpReceiveResult.Accept(new VrrpReceivedAdvert(packet, source, destination, ttl));
    }

    private static bool PasswordMatches(VrrpPacket packet, VrrpReceiveSettings settings)
    {
        Span<byte> received = stackalloc byte[VrrpWire.AuthDataLength];
        Span<byte> expected = stackalloc byte[VrrpWire.AuthDataLength];
        for (var i = 0; i < VrrpWire.AuthDataLength; i++)
        {
            received[i] = i < packet.AuthData.Count ? packet.AuthData[i] : (byte)0;
            expected[i] = settings.AuthData[i];
        }
        return CryptographicOperations.FixedTimeEquals(received, expected);
    }

    private static bool IsMulticast(IPAddress address) => address.AddressFamily == AddressFamily.InterNetworkV6
        ? address.IsIPv6Multicast
        : (BinaryPrimitives.ReadUInt32BigEndian(address.GetAddressBytes()) & 0xF0000000) == 0xE0000000;
}
