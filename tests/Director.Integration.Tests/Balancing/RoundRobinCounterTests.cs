using System.Net;
using Director.Core.Balancing;
using Director.Core.Balancing.Nft;
using Director.TestSupport.Netns;

namespace Director.Integration.Tests.Balancing;

/// <summary>
/// Two rr services on the same VIP (:80 over rs1/rs2, :8080 over rs3/rs4) hit strictly
/// alternately, as a client redirected from one port to the other would.
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
        var vip = LoadBalancingLab.Vip;
        var lines = Shell.Check(
            $"ip netns exec {lab.Client} sh -c 'for i in $(seq {Rounds}); do curl -s -m 2 http://{vip}/ || echo FAIL; curl -s -m 2 http://{vip}:8080/ || echo FAIL; done'",
            TimeSpan.FromSeconds(10 + Rounds)).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(2 * Rounds, lines.Length);
        static Dictionary<string, int> Spread(IEnumerable<string> replies) => replies.GroupBy(r => r).ToDictionary(g => g.Key, g => g.Count());
        return (Spread(lines.Where((_, i) => i % 2 == 0)), Spread(lines.Where((_, i) => i % 2 == 1)));
    }

    [Fact]
    public async Task With_counters_of_their_own_each_service_spreads_alternating_connections_equally()
    {
        // One bucket: both services' rules share a chain and a slot map, and still count apart.
        using var lab = new LoadBalancingLab(new NftOptions { CounterBuckets = 1 });

        var (a, b) = await AlternateAsync(lab);

        Assert.Equal(new Dictionary<string, int> { ["rs1"] = Rounds / 2, ["rs2"] = Rounds / 2 }, a);
        Assert.Equal(new Dictionary<string, int> { ["rs3"] = Rounds / 2, ["rs4"] = Rounds / 2 }, b);
    }

    [Fact]
    public async Task With_the_default_shared_counter_each_service_sees_one_server_only()
    {
        // The known limitation of the default layout: both services take turns on one counter.
        using var lab = new LoadBalancingLab();

        var (a, b) = await AlternateAsync(lab);

        Assert.Single(a);
        Assert.Equal(Rounds, a.Values.Single());
        Assert.Single(b);
        Assert.Equal(Rounds, b.Values.Single());
    }
}
