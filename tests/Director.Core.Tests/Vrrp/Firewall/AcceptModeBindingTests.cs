using Director.Core.Config.Model;
using Director.Core.Tests.Config.Model;
using Director.Core.Vrrp;

namespace Director.Core.Tests.Vrrp.Firewall;

/// <summary>Which instances block their VIPs while MASTER, as keepalived 2.2.7 decides it (vrrp.c).</summary>
public sealed class AcceptModeBindingTests
{
    private static VrrpInstanceConfig Machine(VrrpInstance i) => new(
        i.Version == 3 ? VrrpVersion.V3 : VrrpVersion.V2, (byte)i.VirtualRouterId, (byte)i.Priority, i.AdvertInt,
        System.Net.IPAddress.Loopback, AcceptMode: i.Accept);

    [Theory]
    [InlineData("", "", 2, false)]
    [InlineData("", "no_accept", 2, true)]
    [InlineData("", "no_accept", 3, true)]
    [InlineData("", "accept", 3, false)]
    [InlineData("vrrp_strict", "", 3, true)]
    [InlineData("vrrp_strict", "", 2, true)]
    [InlineData("vrrp_strict", "accept", 3, false)]
    // keepalived: "accept mode for VRRP version 2 does not comply with RFC3768 - resetting".
    [InlineData("vrrp_strict", "accept", 2, true)]
    public void Blocking_follows_accept_no_accept_and_vrrp_strict(string global, string keyword, int version, bool blocks)
    {
        var instance = Load.Instance($" priority 100\n version {version}\n {keyword}\n virtual_ipaddress {{\n 10.0.0.100\n }}",
            prefix: $"global_defs {{\n {global}\n}}\n");

        Assert.Equal(blocks, Machine(instance).BlocksVipTraffic);
    }

    [Fact]
    public void The_address_owner_never_blocks()
    {
        var instance = Load.Instance(" priority 255\n version 2\n virtual_ipaddress {\n 10.0.0.100\n }", prefix: "global_defs {\n vrrp_strict\n}\n");

        Assert.False(Machine(instance).BlocksVipTraffic);
    }

    [Fact]
    public void Dropping_accept_under_vrrp_strict_is_reported()
    {
        var lines = Load.Lines("global_defs {\n vrrp_strict\n}\nvrrp_instance VI_1 {\n interface eth0\n virtual_router_id 1\n version 2\n accept\n virtual_ipaddress {\n 10.0.0.100\n }\n}");

        Assert.Contains(lines, l => l.Contains("RFC 3768", StringComparison.Ordinal));
    }

    [Fact]
    public void Nftables_global_defs_bind()
    {
        var g = Load.Valid("global_defs {\n nftables lb_fw\n nftables_priority -150\n nftables_counters\n}").GlobalDefs;
        Assert.Equal(("lb_fw", -150, true), (g.Nftables, g.NftablesPriority, g.NftablesCounters));

        var plain = Load.Valid("global_defs {\n nftables\n}").GlobalDefs;
        Assert.Equal((null, -1, false), (plain.Nftables, plain.NftablesPriority, plain.NftablesCounters));
    }

    [Fact]
    public void A_table_name_nft_cannot_take_is_an_error()
    {
        Assert.Null(Load.Text("global_defs {\n nftables 9bad\n}").Config);
    }
}
