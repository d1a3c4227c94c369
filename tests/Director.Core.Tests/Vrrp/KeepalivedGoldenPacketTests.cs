using System.Net;
using System.Net.Sockets;
using Director.Core.Vrrp;

namespace Director.Core.Tests.Vrrp;

public class KeepalivedGoldenPacketTests
{
    private static readonly IPAddress Source4 = IPAddress.Parse("192.0.2.1");
    private static readonly IPAddress Source6 = IPAddress.Parse("fe80::ff:fe00:a");

    [Fact]
    public void V2_pass_advert_decodes_field_by_field()
    {
        var datagram = KeepalivedPackets.Bytes(KeepalivedPackets.V2Pass);
        Assert.True(Ipv4HeaderCodec.TryRead(datagram, out var ip));
        Assert.Equal(0xC0, ip.Tos);
        Assert.Equal(44, ip.TotalLength);
        Assert.Equal(1, ip.Identification);
        Assert.False(ip.DontFragment);
        Assert.Equal(255, ip.Ttl);
        Assert.Equal(112, ip.Protocol);
        Assert.Equal(Source4, ip.Source);
        Assert.Equal(VrrpWire.MulticastGroupV4, ip.Destination);
        Assert.True(Ipv4HeaderCodec.ChecksumValid(datagram, ip.HeaderLength));

        var packet = Decode(datagram[20..], AddressFamily.InterNetwork);
        Assert.Equal(VrrpVersion.V2, packet.Version);
        Assert.Equal(1, packet.Type);
        Assert.Equal(51, packet.Vrid);
        Assert.Equal(200, packet.Priority);
        Assert.Equal([IPAddress.Parse("192.0.2.100"), IPAddress.Parse("192.0.2.101")], packet.Addresses);
        Assert.Equal(VrrpAuthType.Pass, packet.AuthType);
        Assert.Equal("secret12"u8.ToArray(), packet.AuthData);
        Assert.Equal(TimeSpan.FromSeconds(1), packet.AdvertInterval);
        Assert.Equal(0x2380, packet.Checksum);
    }

    [Fact]
    public void V2_pass_advert_reencodes_byte_identical_including_the_ip_header()
    {
        var expected = KeepalivedPackets.Bytes(KeepalivedPackets.V2Pass);
        var packet = VrrpPacket.Advertisement(VrrpVersion.V2, 51, 200,
            [IPAddress.Parse("192.0.2.100"), IPAddress.Parse("192.0.2.101")], TimeSpan.FromSeconds(1),
            VrrpAuthType.Pass, "secret12345");

        var datagram = VrrpPacketCodec.EncodeIpv4Datagram(packet, Source4, VrrpWire.MulticastGroupV4, identification: 1);

        Assert.Equal(Convert.ToHexString(expected), Convert.ToHexString(datagram));
    }

    [Fact]
    public void Decoded_packets_reencode_byte_identical()
    {
        foreach (var hex in new[] { KeepalivedPackets.V2Pass, KeepalivedPackets.V2PassStop, KeepalivedPackets.V3Ipv4, KeepalivedPackets.V3Ipv4Stop })
        {
            var datagram = KeepalivedPackets.Bytes(hex);
            Assert.True(Ipv4HeaderCodec.TryRead(datagram, out var ip));
            var message = datagram[ip.HeaderLength..];
            var packet = Decode(message, AddressFamily.InterNetwork);
            Assert.Equal(Convert.ToHexString(message), Convert.ToHexString(VrrpPacketCodec.Encode(packet, ip.Source, ip.Destination)));
            Assert.Equal(hex.ToUpperInvariant(),
                Convert.ToHexString(VrrpPacketCodec.EncodeIpv4Datagram(packet, ip.Source, ip.Destination, ip.Identification)));
        }
        foreach (var hex in new[] { KeepalivedPackets.V3Ipv6, KeepalivedPackets.V3Ipv6Stop })
        {
            var payload = KeepalivedPackets.Ipv6Payload(hex);
            var packet = Decode(payload, AddressFamily.InterNetworkV6);
            Assert.Equal(Convert.ToHexString(payload),
                Convert.ToHexString(VrrpPacketCodec.Encode(packet, Source6, VrrpWire.MulticastGroupV6)));
        }
    }

    [Fact]
    public void Stop_adverts_carry_priority_zero()
    {
        Assert.Equal(0, Decode(KeepalivedPackets.Bytes(KeepalivedPackets.V2PassStop)[20..], AddressFamily.InterNetwork).Priority);
        Assert.Equal(0, Decode(KeepalivedPackets.Bytes(KeepalivedPackets.V3Ipv4Stop)[20..], AddressFamily.InterNetwork).Priority);
        Assert.Equal(0, Decode(KeepalivedPackets.Ipv6Payload(KeepalivedPackets.V3Ipv6Stop), AddressFamily.InterNetworkV6).Priority);
    }

    [Fact]
    public void V3_ipv4_advert_decodes_and_its_checksum_covers_the_pseudo_header()
    {
        var datagram = KeepalivedPackets.Bytes(KeepalivedPackets.V3Ipv4);
        Assert.True(Ipv4HeaderCodec.TryRead(datagram, out var ip));
        Assert.Equal(32, ip.TotalLength);
        Assert.Equal(255, ip.Ttl);

        var message = datagram[20..];
        var packet = Decode(message, AddressFamily.InterNetwork);
        Assert.Equal(VrrpVersion.V3, packet.Version);
        Assert.Equal(1, packet.Type);
        Assert.Equal(52, packet.Vrid);
        Assert.Equal(150, packet.Priority);
        Assert.Equal([IPAddress.Parse("192.0.2.110")], packet.Addresses);
        Assert.Equal(VrrpAuthType.None, packet.AuthType);
        Assert.Empty(packet.AuthData);
        Assert.Equal(TimeSpan.FromMilliseconds(500), packet.AdvertInterval);
        Assert.Equal(0xD398, packet.Checksum);

        Assert.True(VrrpPacketCodec.VerifyChecksum(VrrpVersion.V3, message, Source4, VrrpWire.MulticastGroupV4));
        // Without the pseudo-header (as some old implementations did) it would not verify.
        Assert.NotEqual(packet.Checksum, InternetChecksum.Compute([.. message[..6], 0, 0, .. message[8..]]));
    }

    [Fact]
    public void V3_ipv4_advert_encodes_byte_identical_from_settings()
    {
        var packet = VrrpPacket.Advertisement(VrrpVersion.V3, 52, 150, [IPAddress.Parse("192.0.2.110")], TimeSpan.FromSeconds(0.5));
        var datagram = VrrpPacketCodec.EncodeIpv4Datagram(packet, Source4, VrrpWire.MulticastGroupV4, identification: 1);
        Assert.Equal(KeepalivedPackets.V3Ipv4.ToUpperInvariant(), Convert.ToHexString(datagram));
    }

    [Fact]
    public void V3_ipv6_advert_decodes_and_encodes_with_the_kernel_checksum()
    {
        var whole = KeepalivedPackets.Bytes(KeepalivedPackets.V3Ipv6);
        Assert.Equal(6, whole[0] >> 4);
        Assert.Equal(0xC0, ((whole[0] & 0x0F) << 4) | (whole[1] >> 4)); // traffic class
        Assert.Equal(112, whole[6]); // next header
        Assert.Equal(255, whole[7]); // hop limit
        Assert.Equal(Source6, new IPAddress(whole.AsSpan(8, 16)));
        Assert.Equal(VrrpWire.MulticastGroupV6, new IPAddress(whole.AsSpan(24, 16)));

        var payload = whole[40..];
        var packet = Decode(payload, AddressFamily.InterNetworkV6);
        Assert.Equal(VrrpVersion.V3, packet.Version);
        Assert.Equal(53, packet.Vrid);
        Assert.Equal(120, packet.Priority);
        Assert.Equal([IPAddress.Parse("fe80::100"), IPAddress.Parse("2001:db8::100")], packet.Addresses);
        Assert.Equal(TimeSpan.FromSeconds(1), packet.AdvertInterval);
        Assert.Equal(0x2AF2, packet.Checksum);

        var encoded = VrrpPacketCodec.Encode(
            VrrpPacket.Advertisement(VrrpVersion.V3, 53, 120, [IPAddress.Parse("fe80::100"), IPAddress.Parse("2001:db8::100")], TimeSpan.FromSeconds(1)),
            Source6, VrrpWire.MulticastGroupV6);
        Assert.Equal(Convert.ToHexString(payload), Convert.ToHexString(encoded));
    }

    [Fact]
    public void Captured_adverts_pass_the_receive_checks_of_a_matching_peer()
    {
        var v2 = new VrrpReceiveSettings(VrrpVersion.V2, 51, AddressFamily.InterNetwork, TimeSpan.FromSeconds(1),
            Ips.Of("192.0.2.100", "192.0.2.101"), Ips.Of("192.0.2.2"),
            VrrpAuthType.Pass, "secret12");
        Assert.True(VrrpReceiveValidator.ValidateIpv4(KeepalivedPackets.Bytes(KeepalivedPackets.V2Pass), v2).Accepted);

        var v3 = new VrrpReceiveSettings(VrrpVersion.V3, 52, AddressFamily.InterNetwork, TimeSpan.FromSeconds(1),
            Ips.Of("192.0.2.110"), Ips.Of("192.0.2.2"));
        Assert.True(VrrpReceiveValidator.ValidateIpv4(KeepalivedPackets.Bytes(KeepalivedPackets.V3Ipv4), v3).Accepted);

        var v6 = new VrrpReceiveSettings(VrrpVersion.V3, 53, AddressFamily.InterNetworkV6, TimeSpan.FromSeconds(1),
            Ips.Of("fe80::100", "2001:db8::100"), Ips.Of("fe80::b"));
        var result = VrrpReceiveValidator.ValidateIpv6(KeepalivedPackets.Ipv6Payload(KeepalivedPackets.V3Ipv6), 255,
            Source6, VrrpWire.MulticastGroupV6, v6);
        Assert.True(result.Accepted);
        Assert.Equal(Source6, result.Advert!.Source);
    }

    private static VrrpPacket Decode(byte[] message, AddressFamily family)
    {
        var result = VrrpPacketCodec.Decode(message, family);
        Assert.Null(result.DropReason);
        return result.Packet!;
    }
}
