using System.Net;
using System.Text.Json;
using Director.Core.Balancing;
using Director.Core.Balancing.Nft;
using Director.Native.Nftables;
using Director.TestSupport.Netns;

namespace Director.Native.Tests.Nftables;

/// <summary>
/// The backend in a namespace of its own, against director tables written by another layout:
/// replaced whole by the first apply, while a current table is reconciled in place and other
/// tables are never touched.
/// </summary>
[Collection(NetnsCollection.Name)]
public sealed class NftLayoutReplacementTests : IDisposable
{
    private const string OldLayout = """
        table ip director {
            map vs_1 {
                type ipv4_addr : ipv4_addr
                elements = { 10.0.0.1 : 10.0.1.9 }
            }
            chain prerouting {
                type nat hook prerouting priority -90; policy accept;
                ip daddr 10.0.0.1 dnat to ip daddr map @vs_1
            }
            chain stray {
                counter
            }
        }
        """;

    private const string OtherTable = """
        table inet other {
            set blocked { type ipv4_addr; elements = { 192.0.2.7 } }
            chain input {
                type filter hook input priority 0; policy accept;
                ip saddr @blocked counter drop
            }
        }
        """;

    private static readonly NftOptions Options = new();

    private readonly NetworkLab _lab = NetworkLab.Create();
    private readonly LabNamespace _ns;

    public NftLayoutReplacementTests()
    {
        _ns = _lab.AddNamespace("nft");
    }

    public void Dispose() => _lab.Dispose();

    [Fact]
    public async Task An_old_layout_is_replaced_whole_by_the_first_apply()
    {
        Load(OtherTable + "\n" + OldLayout);
        var other = List("list", "table", "inet", "other");

        using (var backend = new NftablesBackend(Options, _ns.Name))
        {
            var read = await backend.ReadBackAsync(CancellationToken.None);
            Assert.NotNull(read);
            Assert.Empty(read.Services);
            var outdated = Assert.Single(backend.Outdated);
            Assert.Equal(("ip", "director", (string?)null), (outdated.Family, outdated.Table, outdated.FoundMarker));

            var target = TwoServices();
            await backend.ApplyAsync(TableDiff.Between(read, target), target, CancellationToken.None);
            Assert.Empty(backend.Outdated);
        }

        Assert.Contains($"comment \"{NftLayout.Marker}\"", _ns.Exec("nft", "list", "table", "ip", "director").Stdout);
        var objects = Objects(List("list", "ruleset"), "ip", "director");
        Assert.DoesNotContain(("map", "vs_1"), objects);
        Assert.DoesNotContain(("set", "vs_1"), objects);
        Assert.DoesNotContain(("chain", "stray"), objects);
        var prerouting = Chain(List("list", "ruleset"), "ip", "director", "prerouting");
        Assert.Equal(-100, prerouting.GetProperty("prio").GetInt32());
        Assert.Equal(other, List("list", "table", "inet", "other"));

        using var restarted = new NftablesBackend(Options, _ns.Name);
        Assert.Equal(TwoServices(), await restarted.ReadBackAsync(CancellationToken.None));
        Assert.Empty(restarted.Outdated);
    }

    [Fact]
    public async Task Services_of_an_unmarked_table_in_todays_shape_are_kept_by_the_replacement()
    {
        var old = new DesiredTable([Service(8080, 3)]);
        Load(NftRulesetBuilder.Full(old, ServiceIds.Empty.Assign(old), Options).Replace($" {{ comment \"{NftLayout.Marker}\" ; }}", "", StringComparison.Ordinal));

        using (var backend = new NftablesBackend(Options, _ns.Name))
        {
            var read = await backend.ReadBackAsync(CancellationToken.None);
            Assert.Equal(old, read);
            Assert.Null(Assert.Single(backend.Outdated).FoundMarker);

            var target = read!.With(Service(80, 1));
            await backend.ApplyAsync(TableDiff.Between(read, target), target, CancellationToken.None);
        }

        using var restarted = new NftablesBackend(Options, _ns.Name);
        Assert.Equal(old.With(Service(80, 1)), await restarted.ReadBackAsync(CancellationToken.None));
        Assert.Empty(restarted.Outdated);
        Assert.Contains($"comment \"{NftLayout.Marker}\"", _ns.Exec("nft", "list", "table", "ip", "director").Stdout);
    }

    [Fact]
    public async Task A_table_with_another_marker_or_without_registry_is_outdated()
    {
        Load("""
            table ip director { comment "director layout 0"; }
            table ip6 director {
                comment "director layout 2"
                set registry { type ipv6_addr; }
            }
            """);

        using var backend = new NftablesBackend(Options, _ns.Name);
        var read = await backend.ReadBackAsync(CancellationToken.None);

        Assert.Equal(DesiredTable.Empty, read);
        Assert.Equal([("ip", "director layout 0"), ("ip6", NftLayout.Marker)],
            backend.Outdated.Select(o => (o.Family, o.FoundMarker)).Order());

        var target = TwoServices();
        await backend.ApplyAsync(TableDiff.Between(read!, target), target, CancellationToken.None);
        var ruleset = List("list", "ruleset");
        var registry = Owned(ruleset, "ip6", "director").Single(o => o.Kind == "set" && o.Body.GetProperty("name").GetString() == "registry");
        Assert.Equal("mark", registry.Body.GetProperty("type").GetString());
        Assert.Contains(("chain", "prerouting"), Objects(ruleset, "ip6", "director"));
        Assert.Contains(("set", "dests"), Objects(ruleset, "ip6", "director"));
        Assert.Contains($"comment \"{NftLayout.Marker}\"", _ns.Exec("nft", "list", "table", "ip6", "director").Stdout);
    }

    [Fact]
    public async Task A_table_with_shared_counters_is_replaced_by_the_per_service_layout_keeping_its_services()
    {
        // What an upgrade finds: the table the previous default (round-robin-counters = shared) wrote.
        using (var old = new NftablesBackend(Options with { PerServiceCounters = false }, _ns.Name))
        {
            await old.ApplyAsync(TableDiff.Between(DesiredTable.Empty, TwoServices()), TwoServices(), CancellationToken.None);
        }

        Assert.Contains($"comment \"{NftLayout.SharedMarker}\"", _ns.Exec("nft", "list", "table", "ip", "director").Stdout);
        using (var backend = new NftablesBackend(Options, _ns.Name))
        {
            var read = await backend.ReadBackAsync(CancellationToken.None);
            Assert.Equal(TwoServices(), read);
            Assert.Equal(("ip", NftLayout.SharedMarker), (Assert.Single(backend.Outdated).Family, backend.Outdated[0].FoundMarker));

            var target = read!.With(Service(8080, 1));
            await backend.ApplyAsync(TableDiff.Between(read, target), target, CancellationToken.None);
            Assert.Empty(backend.Outdated);
        }

        var listing = _ns.Exec("nft", "list", "table", "ip", "director").Stdout;
        Assert.Contains($"comment \"{NftLayout.Marker}\"", listing);
        Assert.DoesNotContain("to_atcp_inc", listing, StringComparison.Ordinal);
        using var restarted = new NftablesBackend(Options, _ns.Name);
        Assert.Equal(TwoServices().With(Service(8080, 1)), await restarted.ReadBackAsync(CancellationToken.None));
        Assert.Empty(restarted.Outdated);
    }

    [Fact]
    public async Task A_current_table_keeps_its_handles_across_a_restart()
    {
        Load(OtherTable);
        var other = List("list", "table", "inet", "other");
        var target = TwoServices();
        using (var first = new NftablesBackend(Options, _ns.Name))
        {
            Assert.Null(await first.ReadBackAsync(CancellationToken.None));
            await first.ApplyAsync(TableDiff.Between(DesiredTable.Empty, target), target, CancellationToken.None);
        }

        var before = Handles(List("list", "ruleset"), "ip", "director");

        using var restarted = new NftablesBackend(Options, _ns.Name);
        var read = await restarted.ReadBackAsync(CancellationToken.None);
        Assert.Equal(target, read);
        Assert.Empty(restarted.Outdated);
        var changed = target.With(Service(443, 3));
        await restarted.ApplyAsync(TableDiff.Between(read!, changed), changed, CancellationToken.None);

        var after = Handles(List("list", "ruleset"), "ip", "director");
        Assert.Equal(before, after.Where(h => before.Contains(h)).ToHashSet());
        Assert.Contains(before.Single(h => h.Kind == "table"), after);
        Assert.Equal(other, List("list", "table", "inet", "other"));
    }

    private static DesiredTable TwoServices() => new([Service(80, 2), Service(443, 2)]);

    private static VirtualService Service(int port, int servers) => new()
    {
        Key = VirtualServiceKey.ForAddress(IPAddress.Parse("10.0.0.1"), port, IpProtocol.Tcp),
        Scheduler = Scheduler.Rr,
        Destinations = Enumerable.Range(1, servers)
            .Select(i => new Destination { Address = IPAddress.Parse($"10.0.1.{i}"), Port = port })
            .ToArray(),
    };

    private void Load(string ruleset)
    {
        var path = Path.Combine(Path.GetTempPath(), $"{_ns.Name}-{Guid.NewGuid():N}.nft");
        File.WriteAllText(path, ruleset);
        try
        {
            _ns.Exec("nft", "-f", path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private string List(params string[] what) => _ns.Exec(["nft", "-j", .. what]).Stdout;

    private static IEnumerable<JsonElement> Items(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.GetProperty("nftables").EnumerateArray().Select(e => e.Clone()).ToArray();
    }

    private static IEnumerable<(string Kind, JsonElement Body)> Owned(string json, string family, string table) =>
        Items(json).SelectMany(i => i.EnumerateObject())
            .Where(p => p.Value.ValueKind == JsonValueKind.Object
                && p.Value.TryGetProperty("family", out var f) && f.GetString() == family
                && (p.Name == "table"
                    ? p.Value.GetProperty("name").GetString() == table
                    : p.Value.TryGetProperty("table", out var t) && t.GetString() == table))
            .Select(p => (p.Name, p.Value));

    private static HashSet<(string Kind, string Name)> Objects(string json, string family, string table) =>
        Owned(json, family, table).Where(o => o.Kind != "rule").Select(o => (o.Kind, o.Body.GetProperty("name").GetString()!)).ToHashSet();

    private static HashSet<(string Kind, string Name, long Handle)> Handles(string json, string family, string table) =>
        Owned(json, family, table).Where(o => o.Kind != "rule")
            .Select(o => (o.Kind, o.Body.GetProperty("name").GetString()!, o.Body.GetProperty("handle").GetInt64())).ToHashSet();

    private static JsonElement Chain(string json, string family, string table, string name) =>
        Owned(json, family, table).Single(o => o.Kind == "chain" && o.Body.GetProperty("name").GetString() == name).Body;
}
