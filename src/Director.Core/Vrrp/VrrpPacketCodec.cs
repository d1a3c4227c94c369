using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Director.Core.Config.Model;

namespace Director.Core.Vrrp;

/// <summary>Encodes and decodes VRRP messages the way keepalived 2.2.x lays them out.</summary>
public static class VrrpPacketCodec
{
    public static int AddressLength(AddressFamily family) => family == AddressFamily.InterNetworkV6 ? 16 : 4;

    /// <summary>Length of a message of this version, family and address count.</summary>
    public static int MessageLength(VrrpVersion version, AddressFamily family, int addressCount) =>
        VrrpWire.HeaderLength + addressCount * AddressLength(family) +
        (VrrpPacket.HasAuthData(version, family) ? VrrpWire.AuthDataLength : 0);

    /// <summary>The interval field: whole seconds (v2) or centiseconds in 12 bits (v3), truncating as keepalived does.</summary>
    public static ushort IntervalField(VrrpVersion version, TimeSpan interval) => version == VrrpVersion.V2
        ? (ushort)Math.Clamp(interval.Ticks / TimeSpan.TicksPerSecond, 0, byte.MaxValue)
        : (ushort)Math.Clamp(interval.Ticks / (TimeSpan.TicksPerMillisecond * 10), 0, VrrpWire.MaxV3IntervalCentiseconds);

    /// <summary>
    /// Encodes the message with a fresh checksum: v2 over the message alone; v3 over the
    /// pseudo-header (<paramref name="source"/>, <paramref name="destination"/>, 112, length) and the message.
    /// The packet's own <see cref="VrrpPacket.Checksum"/> is ignored.
    /// </summary>
    public static byte[] Encode(VrrpPacket packet, IPAddress source, IPAddress destination)
    {
        var family = source.AddressFamily;
        if (packet.Addresses.Any(a => a.AddressFamily != family) || destination.AddressFamily != family)
            throw new ArgumentException("addresses, source and destination must be of one address family");
        if (packet.Addresses.Count > byte.MaxValue)
            throw new ArgumentException("at most 255 addresses");
        var message = new byte[MessageLength(packet.Version, family, packet.Addresses.Count)];
        message[0] = (byte)(((byte)packet.Version << 4) | (packet.Type & 0x0F));
        message[1] = packet.Vrid;
        message[2] = packet.Priority;
        message[3] = (byte)packet.Addresses.Count;
        var interval = IntervalField(packet.Version, packet.AdvertInterval);
        if (packet.Version == VrrpVersion.V2)
        {
            message[4] = (byte)packet.AuthType;
            message[5] = (byte)interval;
        }
        else
        {
            BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(4), interval);
        }
        var offset = VrrpWire.HeaderLength;
        foreach (var address in packet.Addresses)
        {
            address.TryWriteBytes(message.AsSpan(offset), out var written);
            offset += written;
        }
        if (VrrpPacket.HasAuthData(packet.Version, family))
        {
            for (var i = 0; i < VrrpWire.AuthDataLength && i < packet.AuthData.Count; i++)
                message[offset + i] = packet.AuthData[i];
        }
        BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(6), ComputeChecksum(packet.Version, message, source, destination));
        return message;
    }

    /// <summary>An IPv4 datagram (header as keepalived builds it, then the message): what IP_HDRINCL sends.</summary>
    public static byte[] EncodeIpv4Datagram(VrrpPacket packet, IPAddress source, IPAddress destination, ushort identification)
    {
        var message = Encode(packet, source, destination);
        var datagram = new byte[Ipv4Header.MinimumLength + message.Length];
        Ipv4HeaderCodec.Write(Ipv4Header.ForVrrp(source, destination, identification, message.Length), datagram);
        message.CopyTo(datagram, Ipv4Header.MinimumLength);
        return datagram;
    }

    /// <summary>
    /// The checksum a message should carry (the checksum field itself is treated as zero).
    /// Verifying a received message: <c>VerifyChecksum</c>.
    /// </summary>
    public static ushort ComputeChecksum(VrrpVersion version, ReadOnlySpan<byte> message, IPAddress source, IPAddress destination)
    {
        var sum = version == VrrpVersion.V3
            ? InternetChecksum.PseudoHeader(source, destination, VrrpWire.IpProtocol, message.Length)
            : 0u;
        sum = InternetChecksum.Accumulate(message[..6], sum);
        sum = InternetChecksum.Accumulate(message[8..], sum);
        return InternetChecksum.Finish(sum);
    }

    /// <summary>Whether the message's checksum field verifies (v3 includes the pseudo-header).</summary>
    public static bool VerifyChecksum(VrrpVersion version, ReadOnlySpan<byte> message, IPAddress source, IPAddress destination) =>
        message.Length >= VrrpWire.HeaderLength &&
        BinaryPrimitives.ReadUInt16BigEndian(message[6..]) == ComputeChecksum(version, message, source, destination);

    /// <summary>
    /// Decodes a VRRP message of the given address family. Trailing bytes are ignored (the
    /// receive validator checks exact lengths); an unknown version is <see cref="VrrpDropReason.WrongVersion"/>.
    /// </summary>
    public static VrrpDecodeResult Decode(ReadOnlySpan<byte> message, AddressFamily family)
    {
        if (message.Length < VrrpWire.HeaderLength)
            return VrrpDecodeResult.Drop(VrrpDropReason.Truncated);
        var versionNibble = message[0] >> 4;
        if (versionNibble is not (2 or 3))
            return VrrpDecodeResult.Drop(VrrpDropReason.WrongVersion);
        var version = (VrrpVersion)versionNibble;
        int count = message[3];
        if (message.Length < MessageLength(version, family, count))
            return VrrpDecodeResult.Drop(VrrpDropReason.Truncated);

        var addressLength = AddressLength(family);
        var addresses = new IPAddress[count];
        for (var i = 0; i < count; i++)
            addresses[i] = new IPAddress(message.Slice(VrrpWire.HeaderLength + i * addressLength, addressLength));

        VrrpAuthType authType;
        TimeSpan interval;
        EquatableList<byte> authData = EquatableList<byte>.Empty;
        if (version == VrrpVersion.V2)
        {
            authType = (VrrpAuthType)message[4];
            interval = TimeSpan.FromSeconds(message[5]);
            if (VrrpPacket.HasAuthData(version, family))
                authData = new EquatableList<byte>(message.Slice(VrrpWire.HeaderLength + count * addressLength, VrrpWire.AuthDataLength).ToArray());
        }
        else
        {
            authType = VrrpAuthType.None;
            var centiseconds = BinaryPrimitives.ReadUInt16BigEndian(message[4..]) & VrrpWire.MaxV3IntervalCentiseconds;
            interval = TimeSpan.FromMilliseconds(centiseconds * 10);
        }

        return VrrpDecodeResult.Ok(new VrrpPacket(
            version,
            Type: (byte)(message[0] & 0x0F),
            Vrid: message[1],
            Priority: message[2],
            Addresses: new EquatableList<IPAddress>(addresses),
            authType,
            authData,
            interval,
            Checksum: BinaryPrimitives.ReadUInt16BigEndian(message[6..])));
    }
}
