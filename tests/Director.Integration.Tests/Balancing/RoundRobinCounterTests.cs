using System.Net;
using Director.Core.Balancing;
using Director.Core.Balancing.Nft;
using Director.TestSupport.Netns;

namespace Director.Integration.Tests.Balancing;

/// <summary>
/// Two rr services on the same VIP (:80 over rs1/rs2, :8080 over rs3/rs4) hit strictly
/// alternately, as a client redirected from one port to the other would. IPVS keeps a round-robin
/// position per service, so each spreads its half evenly; so must director by default.
/// </summary>
[Collection(NetnsCollection.Name)]
public sealed class RoundRobinCounterTests
{
    private const int Rounds = 20;

    private static VirtualService Service(int port, int first) => new()
    {
        Key = VirtualServiceKey.ForAddress(IPAddress.Parse(LoadBalancingLab.Vip), port, IpProtocol.Tcp),
        Scheduler = Scheduler.Rr,
        Destinations = new[] { first, first + 1 }
            .Select(i => new Destination { Address = LoadBalancingLab.ServerAddress(i), Port = 80, Weight = 1 })
            .ToArray(),
    };

    /// <summary>Per service, its servers' names and how many connections each got.</summary>
    private static async Task<(Dictionary<string, int> A, Dictionary<string, int> B)> AlternateAsync(LoadBalancingLab lab)
    {
        await lab.ApplyAsync(new DesiredTable([Service(80, 1), Service(8080, 3)]));
        return Alternate(lab);
    }

    private static (Dictionary<string, int> A, Dictionary<string, int> B) Alternate(LoadBalancingLab lab)
    {
        var vip = LoadBalancingLab.Vip;
        var lines = Shell.Check(
            $"ip netns exec {lab.Client} sh -c 'for i in $(seq {Rounds}); do curl -s -m 2 http://{vip}/ || echo FAIL; curl -s -m 2 http://{vip}:8080/ || echo FAIL; done'",
            TimeSpan.FromSeconds(10 + Rounds)).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(2 * Rounds, lines.Length);
        static Dictionary<string, int> Spread(IEnumerable<string> replies) => replies.GroupBy(r => r).ToDictionary(g => g.Key, g => g.Count());
        return (Spread(lines.Where((_, i) => i % 2 == 0)), Spread(lines.Where((_, i) => i % 2 == 1)));
    }

    [Fact]
    public void The_daemon_with_no_setting_spreads_each_of_two_services_hit_alternately_equally()
    {
        // `director run` with its shipped defaults (hocon/akka.conf): the configuration a keepalived user brings.
        using var lab = new LoadBalancingLab();
        using var daemon = new LabDaemon(lab, $$"""
            global_defs {
                router_id LB_TEST
            }
            {{VirtualServer(80, 1)}}
            {{VirtualServer(8080, 3)}}
            """);
        daemon.AwaitDestinations(4, TimeSpan.FromSeconds(20));

        var (a, b) = Alternate(lab);

        Assert.Equal(new Dictionary<string, int> { ["rs1"] = Rounds / 2, ["rs2"] = Rounds / 2 }, a);
        Assert.Equal(new Dictionary<string, int> { ["rs3"] = Rounds / 2, ["rs4"] = Rounds / 2 }, b);
    }

    private static string VirtualServer(int port, int first) => $$"""
        virtual_server {{LoadBalancingLab.Vip}} {{port}} {
            delay_loop 1
            lb_algo rr
            lb_kind NAT
            protocol TCP
        {{string.Join("\n", new[] { first, first + 1 }.Select(i => $$"""
            real_server 10.0.1.{{i}} 80 {
                TCP_CHECK {
                    connect_timeout 1
                }
            }
        """))}}
        }
        """;

    [Fact]
    public async Task With_the_default_settings_each_service_spreads_alternating_connections_equally()
    {
        // The default options, as `director run` builds them: each service keeps its own position, as in IPVS.
        using var lab = new LoadBalancingLab();

        var (a, b) = await AlternateAsync(lab);

        Assert.Equal(new Dictionary<string, int> { ["rs1"] = Rounds / 2, ["rs2"] = Rounds / 2 }, a);
        Assert.Equal(new Dictionary<string, int> { ["rs3"] = Rounds / 2, ["rs4"] = Rounds / 2 }, b);
    }

    [Fact]
    public async Task After_a_real_server_comes_back_each_service_still_spreads_alternating_connections_equally()
    {
        // The change goes to the kernel as netlink messages (no libnftables): the rewritten rule keeps a counter of its own.
        using var lab = new LoadBalancingLab();
        var a = Service(80, 1);
        await lab.ApplyAsync(new DesiredTable([a with { Destinations = a.Destinations.Take(1).ToArray() }, Service(8080, 3)]));

        var (spreadA, spreadB) = await AlternateAsync(lab);

        Assert.True(lab.Backend!.LastWasDirect, "the real server's return went through libnftables, not as netlink messages");
        Assert.Equal(new Dictionary<string, int> { ["rs1"] = Rounds / 2, ["rs2"] = Rounds / 2 }, spreadA);
        Assert.Equal(new Dictionary<string, int> { ["rs3"] = Rounds / 2, ["rs4"] = Rounds / 2 }, spreadB);
    }

    [Fact]
    public async Task With_shared_counters_each_service_sees_one_server_only()
    {
        // The known limitation of round-robin-counters = shared: both services take turns on one counter.
        using var lab = new LoadBalancingLab(new NftOptions { PerServiceCounters = false });

        var (a, b) = await AlternateAsync(lab);

        Assert.Single(a);
        Assert.Equal(Rounds, a.Values.Single());
        Assert.Single(b);
        Assert.Equal(Rounds, b.Values.Single());
    }
}
