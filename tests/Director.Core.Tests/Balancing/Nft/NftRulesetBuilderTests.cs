using System.Net;
using Director.Core.Balancing;
using Director.Core.Balancing.Nft;
using static Director.Core.Tests.Balancing.Tables;

namespace Director.Core.Tests.Balancing.Nft;

public sealed class NftRulesetBuilderTests
{
    private static readonly NftOptions Options = new() { DrIngressDevice = "eth0", DrEgressDevice = "eth1" };

    private static string Full(params VirtualService[] services)
    {
        var table = new DesiredTable(services);
        return NftRulesetBuilder.Full(table, ServiceIds.Empty.Assign(table), Options);
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public void Round_robin_nat_dnats_through_a_slot_map_and_dispatches_from_prerouting_and_output()
    {
        var text = Full(Service(Key(), "rr", Dest(1), Dest(2, weight: 5)));

        Assert.Contains("add map ip director slots_1 { typeof numgen inc mod 1 : ip daddr . tcp dport ; }", Lines(text));
        Assert.Contains("add element ip director slots_1 { 0 : 192.168.1.1 . 80, 1 : 192.168.1.2 . 80 }", Lines(text));
        Assert.Contains("add rule ip director vs_1 meta l4proto tcp dnat ip to numgen inc mod 2 map @slots_1", Lines(text));
        Assert.Contains("add element ip director services { 10.0.0.1 . tcp . 80 : goto vs_1 }", Lines(text));
        Assert.Contains("add rule ip director prerouting ip daddr . meta l4proto . th dport vmap @services", Lines(text));
        Assert.Contains("add rule ip director output ip daddr . meta l4proto . th dport vmap @services", Lines(text));
        Assert.Contains("add rule ip director postrouting ct status dnat ip saddr @hairpin masquerade", Lines(text));
        Assert.Contains("add element ip director hairpin { 192.168.1.1, 192.168.1.2 }", Lines(text));
        Assert.DoesNotContain(Lines(text), l => l.StartsWith("flush ruleset", StringComparison.Ordinal) || l.StartsWith("flush table", StringComparison.Ordinal));
    }

    [Fact]
    public void Weighted_round_robin_gives_slots_by_weight()
    {
        var text = Full(Service(Key(), "wrr", Dest(1, 1), Dest(2, 3)));
        Assert.Contains("add element ip director slots_1 { 0 : 192.168.1.2 . 80, 1 : 192.168.1.1 . 80, 2 : 192.168.1.2 . 80, 3 : 192.168.1.2 . 80 }", text);
        Assert.Contains("dnat ip to numgen inc mod 4 map @slots_1", text);
    }

    [Theory]
    [InlineData("sh", "jhash ip saddr mod 2 seed 0x5eed1e55")]
    [InlineData("dh", "jhash ip daddr mod 2 seed 0x5eed1e55")]
    [InlineData("mh", "jhash ip saddr mod 251 seed 0x5eed1e55")]
    [InlineData("wlc", "numgen inc mod 16")]
    public void Hashing_schedulers_use_jhash_with_the_fixed_seed(string scheduler, string selector)
    {
        Assert.Contains($"dnat ip to {selector} map @slots_1", Full(Service(Key(), scheduler, Dest(1), Dest(2))));
    }

    [Fact]
    public void Persistence_reads_a_client_map_first_and_records_new_choices()
    {
        var text = Lines(Full(Service(Key(), "rr", Dest(1), Dest(2)) with
        {
            Persistence = new Persistence(TimeSpan.FromMinutes(5), IPAddress.Parse("255.255.255.0")),
        }));

        Assert.Contains("add map ip director persist_1 { type ipv4_addr : ipv4_addr . inet_service ; flags dynamic,timeout ; timeout 300s ; size 65536 ; }", text);
        Assert.Contains("add rule ip director vs_1 meta l4proto tcp dnat ip to ip saddr & 255.255.255.0 map @persist_1", text);
        Assert.Contains("add rule ip director vs_1 numgen inc mod 2 vmap { 0 : goto vs_1_d0, 1 : goto vs_1_d1 }", text);
        Assert.Contains("add rule ip director vs_1_d1 update @persist_1 { ip saddr & 255.255.255.0 : 192.168.1.2 . 80 }", text);
        Assert.Contains("add rule ip director vs_1_d1 meta l4proto tcp dnat ip to 192.168.1.2:80", text);
    }

    [Fact]
    public void Direct_routing_keeps_a_flow_table_in_netdev_ingress()
    {
        var text = Lines(Full(Service(Key(), "rr", Dest(1, method: ForwardingMethod.DirectRoute), Dest(2, method: ForwardingMethod.DirectRoute))));

        Assert.Contains("add chain netdev director-dr ingress { type filter hook ingress device \"eth0\" priority 0 ; policy accept ; }", text);
        Assert.Contains("add element netdev director-dr pick_1 { 0 : 0xc0a80101, 1 : 0xc0a80102 }", text);
        Assert.Contains("add rule netdev director-dr dr_1 tcp flags & (syn | ack) == syn meta mark set numgen inc mod 2 map @pick_1 add @conn_1 { ip saddr . th sport : meta mark }", text);
        Assert.Contains("add rule netdev director-dr dr_1 meta mark set ip saddr . th sport map @conn_1 update @conn_1 { ip saddr . th sport : meta mark }", text);
        Assert.Contains("add element netdev director-dr servers_1 { 0xc0a80101 : 192.168.1.1, 0xc0a80102 : 192.168.1.2 }", text);
        Assert.Contains("add rule netdev director-dr dr_1 fwd ip to meta mark map @servers_1 device \"eth1\"", text);
        Assert.Contains("add element netdev director-dr services { 10.0.0.1 . tcp . 80 : goto dr_1 }", text);
    }

    [Fact]
    public void Fwmark_services_without_ports_dnat_to_the_address_only()
    {
        var service = new VirtualService
        {
            Key = VirtualServiceKey.ForFwmark(7, IpFamily.V4, IpProtocol.Tcp),
            Scheduler = Scheduler.Rr,
            Destinations = new[] { Dest(1) with { Port = 0 } },
        };

        var text = Lines(Full(service));

        Assert.Contains("add map ip director slots_1 { typeof numgen inc mod 1 : ip daddr ; }", text);
        Assert.Contains("add element ip director slots_1 { 0 : 192.168.1.1 }", text);
        Assert.Contains("add rule ip director vs_1 dnat ip to numgen inc mod 1 map @slots_1", text);
        Assert.Contains("add element ip director fwmarks { 7 : goto vs_1 }", text);
    }

    [Fact]
    public void Ipv6_services_go_to_the_ip6_table()
    {
        var key = VirtualServiceKey.ForAddress(IPAddress.Parse("2001:db8::1"), 80, IpProtocol.Udp);
        var text = Full(Service(key, "rr", new Destination { Address = IPAddress.Parse("2001:db8:1::5"), Port = 53 }));

        Assert.Contains("add map ip6 director slots_1 { typeof numgen inc mod 1 : ip6 daddr . udp dport ; }", text);
        Assert.Contains("add element ip6 director slots_1 { 0 : 2001:db8:1::5 . 53 }", text);
        Assert.Contains("add rule ip6 director vs_1 meta l4proto udp dnat ip6 to numgen inc mod 1 map @slots_1", text);
        Assert.Contains("add element ip6 director services { 2001:db8::1 . udp . 80 : goto vs_1 }", text);
    }

    [Fact]
    public void A_change_rewrites_only_the_touched_service_in_one_batch()
    {
        var a = Service(Key(80), "rr", Dest(1), Dest(2));
        var b = Service(Key(443), "rr", Dest(3));
        var old = new DesiredTable([a, b]);
        var target = new DesiredTable([a with { Destinations = new[] { Dest(1) } }, b]);
        var ids = ServiceIds.Empty.Assign(old);

        var text = Lines(NftRulesetBuilder.Batch(old, target, NftRulesetBuilder.Touched(TableDiff.Between(old, target)), ids, Options));

        Assert.Contains("flush chain ip director vs_1", text);
        Assert.Contains("flush map ip director slots_1", text);
        Assert.Contains("add element ip director slots_1 { 0 : 192.168.1.1 . 80 }", text);
        Assert.Contains("add rule ip director vs_1 meta l4proto tcp dnat ip to numgen inc mod 1 map @slots_1", text);
        Assert.DoesNotContain(text, l => l.Contains("vs_2", StringComparison.Ordinal));
        Assert.DoesNotContain(text, l => l.StartsWith("add element ip director services", StringComparison.Ordinal));
        Assert.Contains("delete element ip director dests { 1 . 192.168.1.2 . 80 . 1 . 0 }", text);
        Assert.Contains("delete element ip director hairpin { 192.168.1.2 }", text);
    }

    [Fact]
    public void A_removed_service_loses_its_dispatch_entry_chain_and_registry()
    {
        var a = Service(Key(80), "rr", Dest(1));
        var old = new DesiredTable([a]);

        var text = Lines(NftRulesetBuilder.Batch(old, DesiredTable.Empty, [a.Key], ServiceIds.Empty.Assign(old), Options));

        Assert.Equal(
            ["delete element ip director services { 10.0.0.1 . tcp . 80 }", "flush chain ip director vs_1", "delete chain ip director vs_1", "delete map ip director slots_1",
             "delete element ip director registry { 1 }", "delete element ip director dests { 1 . 192.168.1.1 . 80 . 1 . 0 }",
             "delete element ip director hairpin { 192.168.1.1 }"],
            text.SkipWhile(l => !l.StartsWith("delete", StringComparison.Ordinal)));
    }

    [Fact]
    public void Tunnel_forwarding_is_not_supported_here()
    {
        var error = Assert.Throws<NotSupportedException>(() => Full(Service(Key(), "rr", Dest(1, method: ForwardingMethod.Tunnel))));
        Assert.Contains("IPIP", error.Message);
    }

    [Fact]
    public void The_registry_comment_round_trips_a_service()
    {
        var service = Service(VirtualServiceKey.ForAddress(IPAddress.Parse("2001:db8::1"), 443, IpProtocol.Udp), "mh") with
        {
            Persistence = new Persistence(TimeSpan.FromSeconds(90), IPAddress.Parse("ffff:ffff::")),
            OnePacket = true,
        };

        var comment = NftRegistryCodec.EncodeService(service);

        Assert.True(comment.Length <= 128, comment);
        Assert.Equal(service, NftRegistryCodec.DecodeService(comment));
    }
}
