using Director.Core.Balancing;
using Director.Core.Balancing.Nft;
using static Director.Core.Tests.Balancing.Tables;

namespace Director.Core.Tests.Balancing.Nft;

public sealed class NftCounterBucketsTests
{
    private static readonly NftOptions Options = new() { CounterBuckets = 128 };

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    private static string[] Full(NftOptions options, params VirtualService[] services)
    {
        var table = new DesiredTable(services);
        return Lines(NftRulesetBuilder.Full(table, ServiceIds.Empty.Assign(table), options));
    }

    [Fact]
    public void Each_round_robin_service_has_a_numgen_counter_of_its_own()
    {
        var text = Full(Options, Service(Key(80), "rr", Dest(1), Dest(2)), Service(Key(443), "rr", Dest(3), Dest(4)));

        var counters = text.Where(l => l.Contains("numgen inc mod 2", StringComparison.Ordinal)).ToArray();
        Assert.Equal(
            ["add rule ip director rr_1 ip daddr 10.0.0.1 tcp dport 80 dnat ip to ip daddr . tcp dport . numgen inc mod 2 map @slots_tcp_r1",
             "add rule ip director rr_2 ip daddr 10.0.0.1 tcp dport 443 dnat ip to ip daddr . tcp dport . numgen inc mod 2 map @slots_tcp_r2"],
            counters);
        Assert.Contains("add element ip director services { 10.0.0.1 . 6 . 80 : goto rr_1 }", text);
        Assert.Contains("add element ip director services { 10.0.0.1 . 6 . 443 : goto rr_2 }", text);
        Assert.Contains("add element ip director slots_tcp_r1 { 10.0.0.1 . 80 . 0 : 192.168.1.1 . 80, 10.0.0.1 . 80 . 1 : 192.168.1.2 . 80 }", text);
        Assert.Contains("add map ip director slots_tcp_r2 { typeof ip daddr . tcp dport . numgen inc mod 1 : ip daddr . tcp dport ; }", text);
        Assert.DoesNotContain(text, l => l.Contains("to_atcp_inc", StringComparison.Ordinal));
        Assert.Contains($"add table ip director {{ comment \"{NftLayout.CounterMarker}\" ; }}", text);
    }

    [Fact]
    public void Services_of_one_bucket_share_its_chain_but_keep_a_rule_each()
    {
        var text = Full(new NftOptions { CounterBuckets = 1 }, Service(Key(80), "wrr", Dest(1), Dest(2)), Service(Key(443), "rr", Dest(3), Dest(4)));

        Assert.Equal(2, text.Count(l => l.StartsWith("add rule ip director rr_0 ", StringComparison.Ordinal) && l.Contains("numgen inc mod 2 map @slots_tcp_r0", StringComparison.Ordinal)));
        Assert.Contains(text, l => l.StartsWith("add rule ip director rr_0 ip daddr 10.0.0.1 tcp dport 80 ", StringComparison.Ordinal));
        Assert.Contains(text, l => l.StartsWith("add rule ip director rr_0 ip daddr 10.0.0.1 tcp dport 443 ", StringComparison.Ordinal));
    }

    [Fact]
    public void Hash_selectors_keep_the_shared_dispatch_chain()
    {
        var text = Full(Options, Service(Key(80), "sh", Dest(1), Dest(2)));

        Assert.Contains("add rule ip director to_atcp_jsrc_2 meta l4proto tcp dnat ip to ip daddr . tcp dport . jhash ip saddr mod 2 seed 0x5eed1e55 map @slots_tcp", text);
        Assert.Contains("add element ip director services { 10.0.0.1 . 6 . 80 : goto to_atcp_jsrc_2 }", text);
        Assert.DoesNotContain(text, l => l.Contains("rr_", StringComparison.Ordinal));
    }

    [Fact]
    public void A_persistent_round_robin_service_goes_from_its_own_chain_to_its_bucket()
    {
        var service = Service(Key(80), "rr", Dest(1), Dest(2)) with { Persistence = new Persistence(TimeSpan.FromMinutes(5)) };

        var text = Full(Options, service);

        Assert.Contains("add rule ip director vs_1 goto rr_1", text);
        Assert.Contains(text, l => l.StartsWith("add rule ip director rr_1 ip daddr 10.0.0.1 tcp dport 80 ", StringComparison.Ordinal));
    }

    [Fact]
    public void A_change_of_slot_count_rewrites_only_its_bucket_and_a_change_of_server_none()
    {
        var a = Service(Key(80), "rr", Dest(1), Dest(2));
        var b = Service(Key(443), "rr", Dest(3), Dest(4));
        var current = new DesiredTable([a, b]);
        var ids = ServiceIds.Empty.Assign(current);

        var shrunk = Lines(NftRulesetBuilder.Batch(current, current.With(Service(Key(80), "rr", Dest(1))), [a.Key], ids, Options));
        Assert.Contains("flush chain ip director rr_1", shrunk);
        Assert.Contains("add rule ip director rr_1 ip daddr 10.0.0.1 tcp dport 80 dnat ip to ip daddr . tcp dport . numgen inc mod 1 map @slots_tcp_r1", shrunk);
        Assert.DoesNotContain(shrunk, l => l.Contains("rr_2", StringComparison.Ordinal));

        var swapped = Lines(NftRulesetBuilder.Batch(current, current.With(Service(Key(80), "rr", Dest(1), Dest(5))), [a.Key], ids, Options));
        Assert.DoesNotContain(swapped, l => l.Contains("chain", StringComparison.Ordinal) || l.StartsWith("add rule", StringComparison.Ordinal));
        Assert.Contains("add element ip director slots_tcp_r1 { 10.0.0.1 . 80 . 1 : 192.168.1.5 . 80 }", swapped);
    }

    [Fact]
    public void The_default_keeps_the_shared_counter_layout()
    {
        var text = Full(new NftOptions(), Service(Key(80), "rr", Dest(1), Dest(2)));

        Assert.Contains("add element ip director services { 10.0.0.1 . 6 . 80 : goto to_atcp_inc_2 }", text);
        Assert.Contains($"add table ip director {{ comment \"{NftLayout.Marker}\" ; }}", text);
    }
}
