using Director.Core.Config.Hocon;

namespace Director.Core.Tests.Config.Hocon;

public class SnakeCaseTests
{
    [Theory]
    [InlineData("VirtualRouterId", "virtual_router_id")]
    [InlineData("LvsId", "lvs_id")]
    [InlineData("IPv6Address", "ipv6_address")]
    [InlineData("IPv4Address", "ipv4_address")]
    [InlineData("Ipv6Address", "ipv6_address")]
    [InlineData("IPAddress", "ip_address")]
    [InlineData("VRRPScript", "vrrp_script")]
    [InlineData("UnicastSrcIp", "unicast_src_ip")]
    [InlineData("Http2Enabled", "http2_enabled")]
    [InlineData("ID", "id")]
    [InlineData("X", "x")]
    [InlineData("Nopreempt", "nopreempt")]
    [InlineData("Already_Snake", "already_snake")]
    public void Converts_pascal_case_to_snake_case(string name, string expected) =>
        Assert.Equal(expected, SnakeCase.FromPascal(name));
}
