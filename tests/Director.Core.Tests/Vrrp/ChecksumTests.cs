using System.Net;
using Director.Core.Vrrp;

namespace Director.Core.Tests.Vrrp;

public class ChecksumTests
{
    [Fact]
    public void Rfc1071_example_sums_to_the_documented_value()
    {
        // RFC 1071 section 3: the words 0001 f203 f4f5 f6f7 sum (with end-around carry) to ddf2.
        byte[] data = [0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7];
        Assert.Equal(0xddf2 ^ 0xffff, InternetChecksum.Compute(data));
    }

    [Fact]
    public void Odd_length_is_padded_with_a_zero_byte()
    {
        Assert.Equal(InternetChecksum.Compute([0x12, 0x34, 0x56, 0x00]), InternetChecksum.Compute([0x12, 0x34, 0x56]));
    }

    [Fact]
    public void A_message_with_its_checksum_in_place_sums_to_zero()
    {
        var message = KeepalivedPackets.Bytes(KeepalivedPackets.V2Pass)[20..];
        Assert.Equal(0, InternetChecksum.Finish(InternetChecksum.Accumulate(message)));
    }

    [Fact]
    public void V2_checksum_ignores_addresses_of_the_ip_header()
    {
        var message = KeepalivedPackets.Bytes(KeepalivedPackets.V2Pass)[20..];
        Assert.True(VrrpPacketCodec.VerifyChecksum(VrrpVersion.V2, message, Ips.A("10.9.9.9"), Ips.A("10.8.8.8")));
    }

    [Fact]
    public void V3_checksum_depends_on_source_and_destination()
    {
        var message = KeepalivedPackets.Bytes(KeepalivedPackets.V3Ipv4)[20..];
        Assert.True(VrrpPacketCodec.VerifyChecksum(VrrpVersion.V3, message, Ips.A("192.0.2.1"), Ips.A("224.0.0.18")));
        Assert.False(VrrpPacketCodec.VerifyChecksum(VrrpVersion.V3, message, Ips.A("192.0.2.9"), Ips.A("224.0.0.18")));
        // Unicast: the pseudo-header carries the peer's address, so the checksum changes with it.
        Assert.False(VrrpPacketCodec.VerifyChecksum(VrrpVersion.V3, message, Ips.A("192.0.2.1"), Ips.A("192.0.2.2")));
    }

    [Fact]
    public void V3_unicast_encoding_verifies_against_its_own_destination()
    {
        var packet = VrrpPacket.Advertisement(VrrpVersion.V3, 7, 100, Ips.Of("10.0.0.1"), TimeSpan.FromSeconds(1));
        var message = VrrpPacketCodec.Encode(packet, Ips.A("10.0.0.2"), Ips.A("10.0.0.3"));
        Assert.True(VrrpPacketCodec.VerifyChecksum(VrrpVersion.V3, message, Ips.A("10.0.0.2"), Ips.A("10.0.0.3")));
    }

    [Fact]
    public void Ipv6_pseudo_header_uses_a_32_bit_length_and_next_header()
    {
        var source = IPAddress.Parse("fe80::1");
        var destination = IPAddress.Parse("ff02::12");
        var expected = InternetChecksum.Accumulate([
            .. source.GetAddressBytes(), .. destination.GetAddressBytes(), 0, 0, 0, 40, 0, 0, 0, 112]);
        Assert.Equal(expected, InternetChecksum.PseudoHeader(source, destination, 112, 40));
    }
}
