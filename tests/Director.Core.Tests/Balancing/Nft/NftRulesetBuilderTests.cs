using System.Net;
using Director.Core.Balancing;
using Director.Core.Balancing.Nft;
using static Director.Core.Tests.Balancing.Tables;

namespace Director.Core.Tests.Balancing.Nft;

public sealed class NftRulesetBuilderTests
{
    // The shared-counter layout (rr/wrr in shared dispatch chains); per-service counters: NftPerServiceCountersTests.
    private static readonly NftOptions Options = new() { DrIngressDevice = "eth0", DrEgressDevice = "eth1", PerServiceCounters = false };

    private static string Full(params VirtualService[] services)
    {
        var table = new DesiredTable(services);
        return NftRulesetBuilder.Full(table, ServiceIds.Empty.Assign(table), Options);
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public void Round_robin_nat_dnats_through_the_shared_slot_map_and_dispatches_from_prerouting_and_output()
    {
        var text = Lines(Full(Service(Key(), "rr", Dest(1), Dest(2, weight: 5))));

        Assert.Contains("add map ip director slots_tcp { typeof ip daddr . tcp dport . numgen inc mod 1 : ip daddr . tcp dport ; }", text);
        Assert.Contains("add element ip director slots_tcp { 10.0.0.1 . 80 . 0 : 192.168.1.1 . 80, 10.0.0.1 . 80 . 1 : 192.168.1.2 . 80 }", text);
        Assert.Contains("add rule ip director to_atcp_inc_2 meta l4proto tcp dnat ip to ip daddr . tcp dport . numgen inc mod 2 map @slots_tcp", text);
        Assert.Contains("add element ip director services { 10.0.0.1 . 6 . 80 : goto to_atcp_inc_2 }", text);
        Assert.Contains("add rule ip director prerouting ip daddr . meta l4proto . th dport vmap @services", text);
        Assert.Contains("add rule ip director output ip daddr . meta l4proto . th dport vmap @services", text);
        Assert.Contains("add rule ip director postrouting ct status dnat ip saddr @hairpin masquerade", text);
        Assert.Contains("add element ip director hairpin { 192.168.1.1, 192.168.1.2 }", text);
        Assert.DoesNotContain(text, l => l.StartsWith("flush ruleset", StringComparison.Ordinal) || l.StartsWith("flush table", StringComparison.Ordinal));
    }

    [Fact]
    public void Services_with_the_same_selector_and_slot_count_share_one_dispatch_chain()
    {
        var text = Lines(Full(Service(Key(80), "rr", Dest(1), Dest(2)), Service(Key(443), "rr", Dest(3), Dest(4))));

        Assert.Single(text, l => l.StartsWith("add rule ip director to_atcp_inc_2 ", StringComparison.Ordinal));
        Assert.Contains("add element ip director services { 10.0.0.1 . 6 . 443 : goto to_atcp_inc_2 }", text);
        Assert.DoesNotContain(text, l => l.Contains("slots_1", StringComparison.Ordinal) || l.Contains("vs_", StringComparison.Ordinal));
    }

    [Fact]
    public void Weighted_round_robin_gives_slots_by_weight()
    {
        var text = Full(Service(Key(), "wrr", Dest(1, 1), Dest(2, 3)));
        Assert.Contains("add element ip director slots_tcp { 10.0.0.1 . 80 . 0 : 192.168.1.2 . 80, 10.0.0.1 . 80 . 1 : 192.168.1.1 . 80, 10.0.0.1 . 80 . 2 : 192.168.1.2 . 80, 10.0.0.1 . 80 . 3 : 192.168.1.2 . 80 }", text);
        Assert.Contains("dnat ip to ip daddr . tcp dport . numgen inc mod 4 map @slots_tcp", text);
    }

    [Theory]
    [InlineData("sh", "to_atcp_jsrc_2", "jhash ip saddr mod 2 seed 0x5eed1e55")]
    [InlineData("dh", "to_atcp_jdst_2", "jhash ip daddr mod 2 seed 0x5eed1e55")]
    [InlineData("mh", "to_atcp_jsrc_251", "jhash ip saddr mod 251 seed 0x5eed1e55")]
    public void Hashing_schedulers_use_jhash_with_the_fixed_seed(string scheduler, string chain, string selector)
    {
        Assert.Contains($"add rule ip director {chain} meta l4proto tcp dnat ip to ip daddr . tcp dport . {selector} map @slots_tcp", Full(Service(Key(), scheduler, Dest(1), Dest(2))));
    }

    [Fact]
    public void Servers_of_weight_zero_get_no_slot_and_a_service_without_slots_dispatches_to_an_empty_chain()
    {
        var text = Lines(Full(Service(Key(), "rr", Dest(1, weight: 0))));

        Assert.Contains("add element ip director services { 10.0.0.1 . 6 . 80 : goto noslots }", text);
        Assert.DoesNotContain(text, l => l.StartsWith("add element ip director slots_tcp", StringComparison.Ordinal));
    }

    [Fact]
    public void Persistence_reads_a_client_map_first_and_records_or_refreshes_after_nat()
    {
        var text = Lines(Full(Service(Key(), "rr", Dest(1), Dest(2)) with
        {
            Persistence = new Persistence(TimeSpan.FromMinutes(5), IPAddress.Parse("255.255.255.0")),
        }));

        Assert.Contains("add map ip director persist_1 { type ipv4_addr : ipv4_addr . inet_service ; flags dynamic,timeout ; timeout 300s ; size 65536 ; }", text);
        Assert.Contains("add rule ip director vs_1 meta l4proto tcp dnat ip to ip saddr & 255.255.255.0 map @persist_1", text);
        Assert.Contains("add rule ip director vs_1 goto to_atcp_inc_2", text);
        Assert.Contains("add element ip director services { 10.0.0.1 . 6 . 80 : goto vs_1 }", text);
        Assert.Contains("add rule ip director persist_pre ct state new ct status dnat goto precord", text);
        Assert.Contains("add rule ip director persist_out ct state new ct status dnat goto precord", text);
        Assert.Contains("add rule ip director precord ct original ip daddr 10.0.0.1 meta l4proto tcp ct original proto-dst 80 goto rec_1", text);
        Assert.Contains("add rule ip director rec_1 ip daddr . th dport != { 192.168.1.1 . 80, 192.168.1.2 . 80 } update @persist_1 { ip saddr & 255.255.255.0 timeout 1ms : ip daddr . th dport } drop", text);
        Assert.Contains("add rule ip director rec_1 update @persist_1 { ip saddr & 255.255.255.0 timeout 300s : ip daddr . th dport }", text);
    }

    [Fact]
    public void Removing_a_server_of_a_persistent_service_keeps_the_other_clients_pins()
    {
        var all = Service(Key(), "rr", Dest(1), Dest(2), Dest(3)) with { Persistence = new Persistence(TimeSpan.FromMinutes(5)) };
        var old = new DesiredTable([all]);
        var target = new DesiredTable([all with { Destinations = new[] { Dest(1), Dest(3) } }]);

        var text = Lines(NftRulesetBuilder.Batch(old, target, [all.Key], ServiceIds.Empty.Assign(old), Options));

        Assert.DoesNotContain(text, l => l.Contains("delete map", StringComparison.Ordinal) || l.Contains("flush map", StringComparison.Ordinal));
        Assert.Contains("add rule ip director rec_1 ip daddr . th dport != { 192.168.1.1 . 80, 192.168.1.3 . 80 } update @persist_1 { ip saddr timeout 1ms : ip daddr . th dport } drop", text);
        Assert.Contains("add element ip director services { 10.0.0.1 . 6 . 80 : goto vs_1 }", Lines(Full(all)));
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
        Assert.Contains("add element netdev director-dr services { 10.0.0.1 . 6 . 80 : goto dr_1 }", text);
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

        Assert.Contains("add map ip director fwslots_ip { typeof meta mark . numgen inc mod 1 : ip daddr ; }", text);
        Assert.Contains("add element ip director fwslots_ip { 7 . 0 : 192.168.1.1 }", text);
        Assert.Contains("add rule ip director to_mip_inc_1 dnat ip to meta mark . numgen inc mod 1 map @fwslots_ip", text);
        Assert.Contains("add element ip director fwmarks { 7 : goto to_mip_inc_1 }", text);
    }

    [Fact]
    public void Ipv6_services_go_to_the_ip6_table()
    {
        var key = VirtualServiceKey.ForAddress(IPAddress.Parse("2001:db8::1"), 80, IpProtocol.Udp);
        var text = Lines(Full(Service(key, "rr", new Destination { Address = IPAddress.Parse("2001:db8:1::5"), Port = 53 })));

        Assert.Contains("add map ip6 director slots_udp { typeof ip6 daddr . udp dport . numgen inc mod 1 : ip6 daddr . udp dport ; }", text);
        Assert.Contains("add element ip6 director slots_udp { 2001:db8::1 . 80 . 0 : 2001:db8:1::5 . 53 }", text);
        Assert.Contains("add rule ip6 director to_audp_inc_1 meta l4proto udp dnat ip6 to ip6 daddr . udp dport . numgen inc mod 1 map @slots_udp", text);
        Assert.Contains("add element ip6 director services { 2001:db8::1 . 17 . 80 : goto to_audp_inc_1 }", text);
    }

    [Fact]
    public void A_change_is_element_commands_for_the_touched_service_in_one_batch()
    {
        var a = Service(Key(80), "rr", Dest(1), Dest(2));
        var b = Service(Key(443), "rr", Dest(3));
        var old = new DesiredTable([a, b]);
        var target = new DesiredTable([a with { Destinations = new[] { Dest(1) } }, b]);
        var ids = ServiceIds.Empty.Assign(old);
        var created = new List<string>();

        var text = Lines(NftRulesetBuilder.Batch(old, target, NftRulesetBuilder.Touched(TableDiff.Between(old, target)), ids, Options,
            knownChains: new HashSet<string> { "ip/to_atcp_inc_1", "ip/to_atcp_inc_2" }, createdChains: created));

        Assert.Equal(
            ["delete element ip director slots_tcp { 10.0.0.1 . 80 . 1 }",
             "delete element ip director services { 10.0.0.1 . 6 . 80 }",
             "add element ip director services { 10.0.0.1 . 6 . 80 : goto to_atcp_inc_1 }",
             "delete element ip director dests { 1 . 192.168.1.2 . 80 . 1 . 0 }",
             "delete element ip director hairpin { 192.168.1.2 }"],
            text);
        Assert.Empty(created);
    }

    [Fact]
    public void A_change_that_keeps_the_slot_count_rewrites_only_the_slots_that_differ()
    {
        var a = Service(Key(80), "rr", Dest(1), Dest(2));
        var old = new DesiredTable([a]);
        var target = new DesiredTable([a with { Destinations = new[] { Dest(1), Dest(3) } }]);

        var text = Lines(NftRulesetBuilder.Batch(old, target, [a.Key], ServiceIds.Empty.Assign(old), Options, knownChains: new HashSet<string> { "ip/to_atcp_inc_2" }));

        Assert.Contains("delete element ip director slots_tcp { 10.0.0.1 . 80 . 1 }", text);
        Assert.Contains("add element ip director slots_tcp { 10.0.0.1 . 80 . 1 : 192.168.1.3 . 80 }", text);
        Assert.DoesNotContain(text, l => l.Contains("services", StringComparison.Ordinal) || l.Contains("chain", StringComparison.Ordinal));
    }

    [Fact]
    public void A_connection_aware_service_keeps_its_own_chain_and_map_rewritten_whole_at_each_rebalance()
    {
        var a = Service(Key(80), "wlc", Dest(1), Dest(2));
        var table = new DesiredTable([a]);

        var full = Lines(Full(a));
        var text = Lines(NftRulesetBuilder.Batch(table, table, [a.Key], ServiceIds.Empty.Assign(table), Options, (_, d) => d.Address.ToString() == "192.168.1.1" ? 30 : 0));

        Assert.Contains("add map ip director slots_1 { typeof numgen inc mod 1 : ip daddr . tcp dport ; }", full);
        Assert.Contains("add rule ip director vs_1 meta l4proto tcp dnat ip to numgen inc mod 16 map @slots_1", full);
        Assert.Contains("add element ip director services { 10.0.0.1 . 6 . 80 : goto vs_1 }", full);
        Assert.DoesNotContain(full, l => l.StartsWith("add element ip director slots_tcp", StringComparison.Ordinal));
        // The counter restarts with the rule, so the first arrivals take the first (best) choices.
        Assert.Equal(["add chain ip director vs_1", "flush chain ip director vs_1", "add map ip director slots_1 { typeof numgen inc mod 1 : ip daddr . tcp dport ; }", "flush map ip director slots_1"], text.Take(4));
        Assert.DoesNotContain("192.168.1.1 . 80", text[4], StringComparison.Ordinal);
        Assert.Equal("add rule ip director vs_1 meta l4proto tcp dnat ip to numgen inc mod 30 map @slots_1", text[5]);
    }

    [Fact]
    public void A_service_leaving_a_connection_aware_scheduler_moves_to_the_shared_map_and_drops_its_own()
    {
        var a = Service(Key(80), "wlc", Dest(1), Dest(2));
        var old = new DesiredTable([a]);
        var target = new DesiredTable([a with { Scheduler = Scheduler.Rr }]);

        var text = Lines(NftRulesetBuilder.Batch(old, target, [a.Key], ServiceIds.Empty.Assign(old), Options));

        Assert.Contains("add element ip director services { 10.0.0.1 . 6 . 80 : goto to_atcp_inc_2 }", text);
        Assert.True(Array.IndexOf(text, "delete element ip director services { 10.0.0.1 . 6 . 80 }") < Array.IndexOf(text, "delete chain ip director vs_1"));
        Assert.True(Array.IndexOf(text, "flush chain ip director vs_1") < Array.IndexOf(text, "delete map ip director slots_1"));
    }

    [Fact]
    public void A_dispatch_chain_unknown_to_the_caller_is_created_idempotently()
    {
        var a = Service(Key(80), "rr", Dest(1));
        var table = new DesiredTable([a]);
        var created = new List<string>();

        var text = Lines(NftRulesetBuilder.Batch(DesiredTable.Empty, table, [a.Key], ServiceIds.Empty.Assign(table), Options, createdChains: created));

        Assert.Equal(["ip/to_atcp_inc_1"], created);
        var at = Array.IndexOf(text, "add chain ip director to_atcp_inc_1");
        Assert.Equal("flush chain ip director to_atcp_inc_1", text[at + 1]);
    }

    [Fact]
    public void A_removed_service_loses_its_dispatch_entry_slots_and_registry()
    {
        var a = Service(Key(80), "rr", Dest(1));
        var old = new DesiredTable([a]);

        var text = Lines(NftRulesetBuilder.Batch(old, DesiredTable.Empty, [a.Key], ServiceIds.Empty.Assign(old), Options));

        Assert.Equal(
            ["delete element ip director services { 10.0.0.1 . 6 . 80 }", "delete element ip director slots_tcp { 10.0.0.1 . 80 . 0 }",
             "delete element ip director registry { 1 }", "delete element ip director dests { 1 . 192.168.1.1 . 80 . 1 . 0 }",
             "delete element ip director hairpin { 192.168.1.1 }"],
            text);
    }

    [Fact]
    public void A_removed_persistent_service_deletes_its_chains_after_everything_that_names_them()
    {
        var a = Service(Key(80), "rr", Dest(1)) with { Persistence = new Persistence(TimeSpan.FromSeconds(30)) };
        var old = new DesiredTable([a]);

        var text = Lines(NftRulesetBuilder.Batch(old, DesiredTable.Empty, [a.Key], ServiceIds.Empty.Assign(old), Options));

        Assert.True(Array.IndexOf(text, "flush chain ip director precord") < Array.IndexOf(text, "delete chain ip director rec_1"));
        Assert.True(Array.IndexOf(text, "delete element ip director services { 10.0.0.1 . 6 . 80 }") < Array.IndexOf(text, "delete chain ip director vs_1"));
        Assert.Contains("delete map ip director persist_1", text);
        Assert.DoesNotContain(text, l => l.StartsWith("add rule ip director precord", StringComparison.Ordinal));
    }

    [Fact]
    public void Ipv6_persistence_pins_the_address_and_adds_the_services_one_port_at_dnat()
    {
        var key = VirtualServiceKey.ForAddress(IPAddress.Parse("2001:db8::1"), 443, IpProtocol.Tcp);
        var service = Service(key, "rr", new Destination { Address = IPAddress.Parse("2001:db8:1::5"), Port = 8443 }) with
        {
            Persistence = new Persistence(TimeSpan.FromSeconds(30)),
        };

        var text = Lines(Full(service));

        Assert.Contains("add map ip6 director persist_1 { type ipv6_addr : ipv6_addr ; flags dynamic,timeout ; timeout 30s ; size 65536 ; }", text);
        Assert.Contains("add rule ip6 director vs_1 meta l4proto tcp dnat ip6 to ip6 saddr map @persist_1 : 8443", text);
        Assert.Contains("add rule ip6 director rec_1 update @persist_1 { ip6 saddr timeout 30s : ip6 daddr }", text);
        var mixed = service with { Destinations = service.Destinations.Append(new Destination { Address = IPAddress.Parse("2001:db8:1::6"), Port = 9443 }).ToArray() };
        Assert.Throws<NotSupportedException>(() => Full(mixed));
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
