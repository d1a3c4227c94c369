using System.Net;
using Director.Core.Vrrp.Firewall;

namespace Director.Core.Tests.Vrrp.Firewall;

public sealed class VipFirewallRulesetTests
{
    private static BlockedVip Vip(string address, string iface = "eth0") => new(IPAddress.Parse(address), iface);

    [Fact]
    public void Nothing_blocked_deletes_the_table_whether_or_not_it_exists()
    {
        Assert.Equal("add table inet director_vrrp\ndelete table inet director_vrrp\n", VipFirewallRuleset.Render(VipFirewallOptions.Default, []));
        Assert.Equal(VipFirewallRuleset.Render(VipFirewallOptions.Default, []), VipFirewallRuleset.Remove(VipFirewallOptions.Default));
    }

    [Fact]
    public void Ipv4_vips_are_dropped_to_on_input_and_from_on_output_at_priority_minus_one()
    {
        var text = VipFirewallRuleset.Render(VipFirewallOptions.Default, [Vip("10.0.0.100"), Vip("10.0.0.101")]);

        Assert.Equal("""
            add table inet director_vrrp
            delete table inet director_vrrp
            table inet director_vrrp {
              set vips {
                type ipv4_addr
                elements = { 10.0.0.100, 10.0.0.101 }
              }
              chain in {
                type filter hook input priority -1; policy accept;
                ip daddr @vips drop
              }
              chain out {
                type filter hook output priority -1; policy accept;
                ip saddr @vips drop
              }
            }

            """.ReplaceLineEndings("\n"), text);
    }

    [Fact]
    public void Ipv6_lets_neighbour_discovery_through_and_matches_link_local_vips_with_their_interface()
    {
        var text = VipFirewallRuleset.Render(VipFirewallOptions.Default, [Vip("fd00::100"), Vip("fe80::100", "vrrp.52")]);

        Assert.Contains("set vips6 {\n    type ipv6_addr\n    elements = { fd00::100 }", text, StringComparison.Ordinal);
        Assert.Contains("set vips6_link_local {\n    type ipv6_addr . ifname\n    elements = { fe80::100 . \"vrrp.52\" }", text, StringComparison.Ordinal);
        Assert.Contains("""
              chain in {
                type filter hook input priority -1; policy accept;
                icmpv6 type { nd-neighbor-solicit, nd-neighbor-advert } accept
                ip6 daddr @vips6 drop
                ip6 daddr . iifname @vips6_link_local drop
              }
            """.ReplaceLineEndings("\n"), text, StringComparison.Ordinal);
        Assert.Contains("ip6 saddr . oifname @vips6_link_local drop", text, StringComparison.Ordinal);
        Assert.DoesNotContain("set vips {", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_scope_id_never_reaches_nft()
    {
        var scoped = new BlockedVip(new IPAddress(IPAddress.Parse("fe80::100").GetAddressBytes(), 3), "eth0");

        Assert.Contains("fe80::100 . \"eth0\"", VipFirewallRuleset.Render(VipFirewallOptions.Default, [scoped]), StringComparison.Ordinal);
    }

    [Fact]
    public void Name_priority_and_counters_come_from_the_options()
    {
        var text = VipFirewallRuleset.Render(new VipFirewallOptions("lb_fw", -150, Counters: true), [Vip("10.0.0.100")]);

        Assert.StartsWith("add table inet lb_fw\ndelete table inet lb_fw\ntable inet lb_fw {", text, StringComparison.Ordinal);
        Assert.Contains("priority -150; policy accept;", text, StringComparison.Ordinal);
        Assert.Contains("ip daddr @vips counter drop", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", false)]
    [InlineData("keepalived", true)]
    [InlineData("lb_2", true)]
    [InlineData("2lb", false)]
    [InlineData("a b", false)]
    [InlineData("a\"b", false)]
    public void Table_names_are_ones_nft_takes_unquoted(string name, bool valid)
    {
        Assert.Equal(valid, VipFirewallOptions.IsValidTableName(name));
        if (!valid && name.Length > 0)
            Assert.Throws<ArgumentException>(() => VipFirewallRuleset.Render(new VipFirewallOptions(name), [Vip("10.0.0.1")]));
    }
}
