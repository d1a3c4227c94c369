using Director.TestSupport.Netns;
using System.Diagnostics;
using System.Net;
using Director.Core.Balancing;

namespace Director.Integration.Tests.Balancing;

[Collection(NetnsCollection.Name)]
public sealed class NatBehaviourTests
{
    [Fact]
    public async Task Source_hashing_keeps_each_client_on_one_server()
    {
        using var lab = new LoadBalancingLab();
        await lab.ApplyAsync(new DesiredTable([LoadBalancingLab.Service("sh", weights: [1, 1, 1, 1])]));
        var sources = lab.AddClientAddresses(16);

        var servers = sources.Select(source => lab.Requests(5, sourceAddress: source).Distinct().ToArray()).ToArray();

        Assert.All(servers, s => Assert.Single(s));
        Assert.DoesNotContain("FAIL", servers.Select(s => s[0]));
        Assert.True(servers.Select(s => s[0]).Distinct().Count() >= 3, string.Join(",", servers.Select(s => s[0])));
    }

    [Fact]
    public async Task Maglev_hashing_keeps_each_client_on_one_server()
    {
        using var lab = new LoadBalancingLab();
        await lab.ApplyAsync(new DesiredTable([LoadBalancingLab.Service("mh", weights: [1, 1, 1, 1])]));
        var sources = lab.AddClientAddresses(16);

        var servers = sources.Select(source => lab.Requests(4, sourceAddress: source).Distinct().ToArray()).ToArray();

        Assert.All(servers, s => Assert.Single(s));
        Assert.True(servers.Select(s => s[0]).Distinct().Count() >= 3, string.Join(",", servers.Select(s => s[0])));
    }

    [Fact]
    public async Task Persistence_keeps_a_client_on_its_first_server()
    {
        using var lab = new LoadBalancingLab();
        var service = LoadBalancingLab.Service("rr", weights: [1, 1, 1, 1]) with { Persistence = new Persistence(TimeSpan.FromSeconds(60)) };
        await lab.ApplyAsync(new DesiredTable([service]));
        var sources = lab.AddClientAddresses(8);

        var servers = sources.Select(source => lab.Requests(6, sourceAddress: source).Distinct().ToArray()).ToArray();

        Assert.All(servers, s => Assert.Single(s));
        Assert.Equal(4, servers.Select(s => s[0]).Distinct().Count());
    }

    [Fact]
    public async Task Least_connection_sends_new_connections_away_from_the_loaded_server()
    {
        using var lab = new LoadBalancingLab();
        await lab.ApplyAsync(new DesiredTable([LoadBalancingLab.Service("wlc", weights: [1])]));
        using var holder = lab.StartIn(lab.Client,
            $"/usr/bin/python3 -c \"import socket,time; s=[socket.create_connection(('{LoadBalancingLab.Vip}',80)) for _ in range(20)]; print('held', flush=True); time.sleep(60)\"");
        Assert.Equal("held", await holder.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(10)));

        await lab.ApplyAsync(new DesiredTable([LoadBalancingLab.Service("wlc", weights: [1, 1, 1, 1])]));
        var spread = lab.Requests(60).GroupBy(r => r).ToDictionary(g => g.Key, g => g.Count());

        Assert.False(spread.ContainsKey("rs1"), string.Join(",", spread));
        Assert.Equal(60, spread.Values.Sum());
        Assert.All(new[] { "rs2", "rs3", "rs4" }, s => Assert.InRange(spread.GetValueOrDefault(s), 15, 25));
    }

    [Fact]
    public async Task Removing_and_adding_servers_under_load_fails_no_request()
    {
        using var lab = new LoadBalancingLab();
        var all = LoadBalancingLab.Service("rr", weights: [1, 1, 1, 1]);
        await lab.ApplyAsync(new DesiredTable([all]));
        using var load = Shell.Start(
            $"ip netns exec {lab.Client} sh -c 'for i in $(seq 300); do curl -s -m 2 http://{LoadBalancingLab.Vip}/ || echo FAIL; done'");
        var output = load.StandardOutput.ReadToEndAsync();

        var changes = 0;
        var watch = Stopwatch.StartNew();
        while (!load.HasExited && watch.Elapsed < TimeSpan.FromSeconds(20))
        {
            var removed = changes % 4;
            await lab.ApplyAsync(new DesiredTable([all with { Destinations = all.Destinations.Where((_, i) => i != removed).ToArray() }]));
            await Task.Delay(50);
            await lab.ApplyAsync(new DesiredTable([all]));
            await Task.Delay(50);
            changes += 2;
        }

        Assert.True(load.WaitForExit(30_000));
        var replies = (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(changes >= 10, $"only {changes} changes");
        Assert.Equal(300, replies.Length);
        Assert.DoesNotContain("FAIL", replies);
    }

    [Fact]
    public async Task Weight_zero_takes_no_new_connections_and_inhibited_servers_stay_listed()
    {
        using var lab = new LoadBalancingLab();
        await lab.ApplyAsync(new DesiredTable([LoadBalancingLab.Service("rr", weights: [1, 0, 1, 1])]));

        var spread = lab.Requests(30).GroupBy(r => r).ToDictionary(g => g.Key, g => g.Count());

        Assert.False(spread.ContainsKey("rs2"));
        Assert.Equal(30, spread.Values.Sum());
        Assert.Contains(lab.Backend!.Current.Services.Values.Single().Destinations, d => d.Weight == 0);
    }

    [Fact]
    public async Task Hairpin_and_director_local_clients_reach_the_vip()
    {
        using var lab = new LoadBalancingLab();
        await lab.ApplyAsync(new DesiredTable([LoadBalancingLab.Service("rr", weights: [1, 1, 1, 1])]));

        var fromServer = lab.Requests(8, fromNamespace: lab.Server(1));
        var fromDirector = lab.Requests(8, fromNamespace: lab.Director);

        Assert.Equal(4, fromServer.Distinct().Count());
        Assert.DoesNotContain("FAIL", fromServer);
        Assert.Equal(4, fromDirector.Distinct().Count());
        Assert.DoesNotContain("FAIL", fromDirector);
    }

    [Fact]
    public async Task Fwmark_service_balances_marked_traffic_and_other_tables_are_untouched()
    {
        using var lab = new LoadBalancingLab();
        Shell.Check($$"""
            ip -n {{lab.Client}} route add 10.0.0.2/32 via 10.0.2.1
            ip -n {{lab.Director}} addr add 10.0.0.2/32 dev pub
            ip netns exec {{lab.Director}} nft add table ip marker
            ip netns exec {{lab.Director}} nft 'add chain ip marker pre { type filter hook prerouting priority mangle ; }'
            ip netns exec {{lab.Director}} nft add rule ip marker pre ip daddr 10.0.0.2 tcp dport 80 meta mark set 7
            """);
        var service = new VirtualService
        {
            Key = VirtualServiceKey.ForFwmark(7, IpFamily.V4, IpProtocol.Tcp),
            Scheduler = Scheduler.Rr,
            Destinations = Enumerable.Range(1, 4).Select(i => new Destination { Address = LoadBalancingLab.ServerAddress(i), Port = 0 }).ToArray(),
        };
        await lab.ApplyAsync(new DesiredTable([service]));

        var replies = lab.Requests(40, target: "10.0.0.2");
        await lab.ApplyAsync(DesiredTable.Empty);

        Assert.Equal(4, replies.Distinct().Count());
        Assert.All(replies.GroupBy(r => r), g => Assert.Equal(10, g.Count()));
        Assert.Contains("table ip marker", Shell.Check($"ip netns exec {lab.Director} nft list tables"));
    }

    [Fact]
    public async Task Tables_are_read_back_and_reconciled_after_a_restart()
    {
        using var lab = new LoadBalancingLab();
        var first = new DesiredTable([
            LoadBalancingLab.Service("wrr", weights: [1, 2, 3, 4]) with { Persistence = new Persistence(TimeSpan.FromSeconds(30), IPAddress.Parse("255.255.255.0")) },
            LoadBalancingLab.Service("rr", weights: [1, 1]) with { Key = VirtualServiceKey.ForAddress(IPAddress.Parse(LoadBalancingLab.Vip), 8080, IpProtocol.Udp) },
        ]);
        await lab.ApplyAsync(first);
        lab.Backend!.Dispose();

        using var restarted = new Director.Native.Nftables.NftablesBackend(new() { DrIngressDevice = "pub", DrEgressDevice = "lan" }, lab.Director);
        var readBack = await restarted.ReadBackAsync(CancellationToken.None);
        Assert.Equal(first, readBack);

        var second = new DesiredTable([LoadBalancingLab.Service("rr", weights: [1, 1, 1, 1])]);
        await restarted.ApplyAsync(TableDiff.Between(readBack!, second), second, CancellationToken.None);
        Assert.Equal(second, await restarted.ReadBackAsync(CancellationToken.None));
        Assert.Equal(4, lab.Requests(8).Distinct().Count());
    }

    [Fact]
    public async Task Tunnel_forwarding_is_refused_with_a_clear_reason()
    {
        using var lab = new LoadBalancingLab();
        var error = await Assert.ThrowsAsync<NotSupportedException>(() =>
            lab.ApplyAsync(new DesiredTable([LoadBalancingLab.Service("rr", ForwardingMethod.Tunnel, 1, 1)])));
        Assert.Contains("IPIP", error.Message);
    }
}
