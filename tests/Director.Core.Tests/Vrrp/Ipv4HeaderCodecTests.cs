using Director.Core.Vrrp;

namespace Director.Core.Tests.Vrrp;

public class Ipv4HeaderCodecTests
{
    [Fact]
    public void Builds_the_header_keepalived_sends()
    {
        var header = Ipv4Header.ForVrrp(Ips.A("192.0.2.1"), Ips.A("224.0.0.18"), identification: 1, payloadLength: 24);
        var bytes = new byte[20];
        Ipv4HeaderCodec.Write(header, bytes);
        Assert.Equal("45C0002C00010000FF70188DC0000201E0000012", Convert.ToHexString(bytes));
    }

    [Fact]
    public void Parses_flags_fragment_offset_and_options()
    {
        var header = new Ipv4Header(0, 28, 0x1234, DontFragment: true, MoreFragments: true, FragmentOffset: 0x0ABC,
            Ttl: 64, Protocol: 112, HeaderChecksum: 0, Ips.A("10.0.0.1"), Ips.A("10.0.0.2"));
        var bytes = new byte[28];
        Ipv4HeaderCodec.Write(header, bytes);
        Assert.True(Ipv4HeaderCodec.TryRead(bytes, out var read));
        Assert.True(read.DontFragment);
        Assert.True(read.MoreFragments);
        Assert.Equal(0x0ABC, read.FragmentOffset);
        Assert.Equal(0x1234, read.Identification);
        Assert.Equal(64, read.Ttl);
        Assert.True(Ipv4HeaderCodec.ChecksumValid(bytes, 20));

        bytes[0] = 0x46; // IHL 6: one option word
        Assert.True(Ipv4HeaderCodec.TryRead(bytes, out var withOptions));
        Assert.Equal(24, withOptions.HeaderLength);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 2)]
    [InlineData(65534, 65535)]
    [InlineData(65535, 2)]
    public void Identification_counts_like_keepalived_and_never_sends_zero(int previous, int next)
    {
        Assert.Equal(next, Ipv4Header.NextVrrpIdentification((ushort)previous));
    }

    [Theory]
    [InlineData("")]
    [InlineData("45c0002c")]
    [InlineData("65c0002c00010000ff70188dc0000201e0000012")] // version 6
    [InlineData("4fc0002c00010000ff70188dc0000201e0000012")] // IHL 15 > length
    [InlineData("44c0002c00010000ff70188dc0000201e0000012")] // IHL 4 < 5
    public void Rejects_what_is_not_a_whole_ipv4_header(string hex)
    {
        Assert.False(Ipv4HeaderCodec.TryRead(Convert.FromHexString(hex), out _));
    }
}
