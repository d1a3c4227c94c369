using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Director.Core.Balancing;
using Director.Core.Balancing.Nft;
using Director.Native.Nftables;
using Director.TestSupport.Netns;

namespace Director.Native.Tests.Nftables;

/// <summary>
/// Real-server changes of per-service rr/wrr/lc services go to the kernel as netlink messages
/// (NftFastChange), without libnftables. What they leave in the kernel must be what libnftables
/// makes of the builder's commands for the same table, object for object and element for element.
/// </summary>
[Collection(NetnsCollection.Name)]
public sealed class NftFastChangeTests : IDisposable
{
    private static readonly NftOptions Options = new();

    private readonly NetworkLab _lab = NetworkLab.Create();
    private readonly LabNamespace _ns;

    public NftFastChangeTests()
    {
        _ns = _lab.AddNamespace("nftfast");
    }

    public void Dispose() => _lab.Dispose();

    private static Destination Dest(string address, int port, int weight = 1) => new() { Address = IPAddress.Parse(address), Port = port, Weight = weight };

    private static VirtualService Service(VirtualServiceKey key, Scheduler scheduler, params Destination[] destinations) =>
        new() { Key = key, Scheduler = scheduler, Destinations = destinations };

    private static readonly VirtualServiceKey Web = VirtualServiceKey.ForAddress(IPAddress.Parse("10.0.0.1"), 80, IpProtocol.Tcp);
    private static readonly VirtualServiceKey Dns = VirtualServiceKey.ForAddress(IPAddress.Parse("10.0.0.1"), 53, IpProtocol.Udp);
    private static readonly VirtualServiceKey Web6 = VirtualServiceKey.ForAddress(IPAddress.Parse("2001:db8::1"), 443, IpProtocol.Tcp);
    private static readonly VirtualServiceKey Marked = VirtualServiceKey.ForFwmark(7, IpFamily.V4, IpProtocol.Tcp);
    private static readonly VirtualServiceKey Least = VirtualServiceKey.ForAddress(IPAddress.Parse("10.0.0.2"), 80, IpProtocol.Tcp);

    private static DesiredTable Before() => new([
        Service(Web, Scheduler.Wrr, Dest("10.0.1.1", 8080, 1), Dest("10.0.1.2", 8080, 2), Dest("10.0.1.3", 8080, 3)),
        Service(Dns, Scheduler.Rr, Dest("10.0.1.4", 53), Dest("10.0.1.5", 53)),
        Service(Web6, Scheduler.Rr, Dest("2001:db8::10", 443), Dest("2001:db8::11", 443)),
        Service(Marked, Scheduler.Rr, Dest("10.0.1.6", 0), Dest("10.0.1.7", 0)),
        Service(Least, new Scheduler("lc"), Dest("10.0.1.8", 80), Dest("10.0.1.9", 80)),
    ]);

    /// <summary>Servers gone, come (one at a new address: the hairpin set grows), reweighted, in every kind of service at once.</summary>
    private static DesiredTable After() => new([
        Service(Web, Scheduler.Wrr, Dest("10.0.1.2", 8080, 2), Dest("10.0.1.3", 8080, 5), Dest("10.0.1.20", 8080, 1)),
        Service(Dns, Scheduler.Rr, Dest("10.0.1.4", 53), Dest("10.0.1.5", 53, 0)),
        Service(Web6, Scheduler.Rr, Dest("2001:db8::11", 443)),
        Service(Marked, Scheduler.Rr, Dest("10.0.1.6", 0), Dest("10.0.1.7", 0), Dest("10.0.1.21", 0)),
        Service(Least, new Scheduler("lc"), Dest("10.0.1.8", 80, 3), Dest("10.0.1.9", 80)),
    ]);

    [Fact]
    public async Task A_real_server_change_as_netlink_messages_leaves_what_libnftables_makes_of_the_same_table()
    {
        string direct;
        using (var backend = new NftablesBackend(Options, _ns.Name))
        {
            await backend.ApplyAsync(TableDiff.Between(DesiredTable.Empty, Before()), Before(), CancellationToken.None);
            Assert.False(backend.LastWasDirect);
            await backend.ApplyAsync(TableDiff.Between(Before(), After()), After(), CancellationToken.None);
            Assert.True(backend.LastWasDirect);
            direct = Normalized(_ns.Exec("nft", "-j", "list", "ruleset").Stdout);

            // And back: the servers and the hairpin address that left come back.
            await backend.ApplyAsync(TableDiff.Between(After(), Before()), Before(), CancellationToken.None);
            Assert.True(backend.LastWasDirect);
        }

        var back = Normalized(_ns.Exec("nft", "-j", "list", "ruleset").Stdout);
        _ns.Exec("nft", "flush", "ruleset");
        using (var fresh = new NftablesBackend(Options, _ns.Name))
        {
            await fresh.ApplyAsync(TableDiff.Between(DesiredTable.Empty, After()), After(), CancellationToken.None);
            Assert.False(fresh.LastWasDirect);
        }

        Assert.Equal(Normalized(_ns.Exec("nft", "-j", "list", "ruleset").Stdout), direct);
        _ns.Exec("nft", "flush", "ruleset");
        using (var fresh = new NftablesBackend(Options, _ns.Name))
        {
            await fresh.ApplyAsync(TableDiff.Between(DesiredTable.Empty, Before()), Before(), CancellationToken.None);
        }

        Assert.Equal(Normalized(_ns.Exec("nft", "-j", "list", "ruleset").Stdout), back);
        using var restarted = new NftablesBackend(Options, _ns.Name);
        Assert.Equal(Before(), await restarted.ReadBackAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_refused_netlink_change_raises_and_leaves_the_backend_where_it_was()
    {
        using var backend = new NftablesBackend(Options, _ns.Name);
        await backend.ApplyAsync(TableDiff.Between(DesiredTable.Empty, Before()), Before(), CancellationToken.None);
        // An operator removes one service's slot map behind the daemon's back.
        var id = System.Text.RegularExpressions.Regex.Match(_ns.Exec("nft", "list", "table", "ip", "director").Stdout, @"map slots_(\d+) ").Groups[1].Value;
        _ns.Exec("nft", "flush", "chain", "ip", "director", $"vs_{id}");
        _ns.Exec("nft", "delete", "map", "ip", "director", $"slots_{id}");

        var error = await Assert.ThrowsAsync<NftCommandException>(() => backend.ApplyAsync(TableDiff.Between(Before(), After()), After(), CancellationToken.None));

        Assert.Contains($"slots_{id}", error.Message, StringComparison.Ordinal);
        Assert.Equal(Before(), backend.Current);
        // Nothing of the batch was applied: the other services' maps are as before.
        Assert.Contains("10.0.1.1", _ns.Exec("nft", "list", "table", "ip", "director").Stdout, StringComparison.Ordinal);
    }

    /// <summary>The ruleset's objects without handles, set elements in a fixed order, sorted.</summary>
    private static string Normalized(string json)
    {
        var items = JsonNode.Parse(json)!["nftables"]!.AsArray()
            .Select(i => i!.AsObject())
            .Where(i => !i.ContainsKey("metainfo"))
            .Select(i =>
            {
                var kind = i.First().Key;
                var body = i[kind]!.AsObject();
                body.Remove("handle");
                if (body["elem"] is JsonArray elements)
                {
                    var sorted = elements.Select(e => e!.ToJsonString()).Order(StringComparer.Ordinal).ToArray();
                    body["elem"] = new JsonArray(sorted.Select(e => JsonNode.Parse(e)).ToArray());
                }

                return kind + " " + body.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
            })
            .Order(StringComparer.Ordinal);
        return string.Join('\n', items);
    }
}
