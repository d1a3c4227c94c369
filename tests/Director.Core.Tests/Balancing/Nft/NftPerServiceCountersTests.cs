using Director.Core.Balancing;
using Director.Core.Balancing.Nft;
using static Director.Core.Tests.Balancing.Tables;

namespace Director.Core.Tests.Balancing.Nft;

/// <summary>The default layout: each rr/wrr service has its own chain, slot map and counter; real-server changes as netlink operations.</summary>
public sealed class NftPerServiceCountersTests
{
    private static readonly NftOptions Options = new();

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public void Each_rr_and_wrr_service_dnats_through_a_rule_and_map_of_its_own()
    {
        var table = new DesiredTable([Service(Key(80), "rr", Dest(1), Dest(2)), Service(Key(443), "wrr", Dest(3, 1), Dest(4, 2))]);
        var ids = ServiceIds.Empty.Assign(table);
        var (web, tls) = (ids[Key(80)], ids[Key(443)]);

        var text = Lines(NftRulesetBuilder.Full(table, ids, Options));

        Assert.Contains($"add rule ip director vs_{web} meta l4proto tcp dnat ip to numgen inc mod 2 map @slots_{web}", text);
        Assert.Contains($"add rule ip director vs_{tls} meta l4proto tcp dnat ip to numgen inc mod 3 map @slots_{tls}", text);
        Assert.Contains($"add element ip director services {{ 10.0.0.1 . 6 . 80 : goto vs_{web} }}", text);
        Assert.Contains($"add element ip director slots_{tls} {{ 0 : 192.168.1.4 . 80, 1 : 192.168.1.3 . 80, 2 : 192.168.1.4 . 80 }}", text);
        Assert.DoesNotContain(text, l => l.Contains("to_atcp", StringComparison.Ordinal) || l.Contains("element ip director slots_tcp", StringComparison.Ordinal));
    }

    [Fact]
    public void Sh_keeps_the_shared_maps_whose_counter_it_does_not_use()
    {
        var table = new DesiredTable([Service(Key(80), "sh", Dest(1), Dest(2))]);

        var text = Lines(NftRulesetBuilder.Full(table, ServiceIds.Empty.Assign(table), Options));

        Assert.Contains("add element ip director services { 10.0.0.1 . 6 . 80 : goto to_atcp_jsrc_2 }", text);
    }

    [Fact]
    public void A_real_server_leaving_rewrites_the_services_map_and_rule_and_its_registry_and_hairpin_entries()
    {
        var before = new DesiredTable([Service(Key(80), "rr", Dest(1), Dest(2), Dest(3))]);
        var target = new DesiredTable([Service(Key(80), "rr", Dest(1), Dest(3))]);
        var ids = ServiceIds.Empty.Assign(before);
        var id = ids[Key(80)];

        var ops = NftFastChange.TryRender(before, target, [Key(80)], ids, Options);

        Assert.NotNull(ops);
        Assert.Equal(6, ops.Count);
        Assert.Equal(new NftFlushChain(IpFamily.V4, $"vs_{id}"), ops[0]);
        Assert.Equal(new NftFlushSet(IpFamily.V4, $"slots_{id}"), ops[1]);
        var slots = Assert.IsType<NftSetElements>(ops[2]);
        Assert.True(slots.Add);
        // Bytes as nft sends them for `0 : 192.168.1.1 . 80, 1 : 192.168.1.3 . 80` (nft --debug=netlink:
        // "element 00000000 : 0101a8c0 00005000"): slot in host order, address and port in network order, port padded.
        Assert.Equal(["00000000 : C0A8010100500000", "01000000 : C0A8010300500000"], slots.Elements.Select(e => e.ToString()));
        Assert.Equal(new NftNumgenDnatRule(IpFamily.V4, $"vs_{id}", 6, 2, $"slots_{id}"), ops[3]);
        var dests = Assert.IsType<NftSetElements>(ops[4]);
        Assert.Equal(("dests", false), (dests.Set, dests.Add));
        // id . 192.168.1.2 . 80 . weight 1 . method 0 (masquerade).
        Assert.Equal($"{id:X2}000000C0A8010200500000" + "0100000000000000", Assert.Single(dests.Elements).ToString());
        // Its address served no other service: it leaves the hairpin set.
        var hairpin = Assert.IsType<NftSetElements>(ops[5]);
        Assert.Equal(("hairpin", false, "C0A80102"), (hairpin.Set, hairpin.Add, Assert.Single(hairpin.Elements).ToString()));
    }

    [Fact]
    public void A_new_real_server_address_enters_the_hairpin_set()
    {
        var before = new DesiredTable([Service(Key(80), "wrr", Dest(1))]);
        var target = new DesiredTable([Service(Key(80), "wrr", Dest(1), Dest(9, 0))]);
        var ids = ServiceIds.Empty.Assign(before);

        var ops = NftFastChange.TryRender(before, target, [Key(80)], ids, Options)!;

        var hairpin = Assert.IsType<NftSetElements>(ops[^1]);
        Assert.Equal(("hairpin", true, "C0A80109"), (hairpin.Set, hairpin.Add, Assert.Single(hairpin.Elements).ToString()));
        // Weight 0: no slot, the rule counts over the one server left.
        Assert.Contains(new NftNumgenDnatRule(IpFamily.V4, $"vs_{ids[Key(80)]}", 6, 1, $"slots_{ids[Key(80)]}"), ops);
    }

    public static TheoryData<string, DesiredTable, DesiredTable> NotFast => new()
    {
        { "a new service", DesiredTable.Empty, new DesiredTable([Service(Key(80), "rr", Dest(1))]) },
        { "a removed service", new DesiredTable([Service(Key(80), "rr", Dest(1))]), DesiredTable.Empty },
        { "another scheduler", new DesiredTable([Service(Key(80), "rr", Dest(1))]), new DesiredTable([Service(Key(80), "wrr", Dest(1))]) },
        { "sh (shared maps)", new DesiredTable([Service(Key(80), "sh", Dest(1))]), new DesiredTable([Service(Key(80), "sh", Dest(1), Dest(2))]) },
        {
            "persistence (pin rules in the chain)",
            new DesiredTable([Service(Key(80), "rr", Dest(1)) with { Persistence = new Persistence(TimeSpan.FromSeconds(60), null) }]),
            new DesiredTable([Service(Key(80), "rr", Dest(1), Dest(2)) with { Persistence = new Persistence(TimeSpan.FromSeconds(60), null) }])
        },
        { "DR", new DesiredTable([Service(Key(80), "rr", Dest(1, 1, ForwardingMethod.DirectRoute))]), new DesiredTable([Service(Key(80), "rr", Dest(1, 1, ForwardingMethod.DirectRoute), Dest(2, 1, ForwardingMethod.DirectRoute))]) },
    };

    [Theory]
    [MemberData(nameof(NotFast))]
    public void Other_changes_go_through_the_builder(string what, DesiredTable before, DesiredTable target)
    {
        var touched = NftRulesetBuilder.Touched(TableDiff.Between(before, target));
        var ids = ServiceIds.Empty.Assign(before).Assign(target);

        Assert.True(NftFastChange.TryRender(before, target, touched, ids, Options) is null, what);
    }

    [Fact]
    public void With_shared_counters_nothing_is_fast()
    {
        var before = new DesiredTable([Service(Key(80), "rr", Dest(1))]);
        var target = new DesiredTable([Service(Key(80), "rr", Dest(1), Dest(2))]);

        Assert.Null(NftFastChange.TryRender(before, target, [Key(80)], ServiceIds.Empty.Assign(before), Options with { PerServiceCounters = false }));
    }
}
