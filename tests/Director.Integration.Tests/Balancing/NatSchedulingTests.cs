using Director.TestSupport.Netns;
using Director.Core.Balancing;

namespace Director.Integration.Tests.Balancing;

[Collection(NetnsCollection.Name)]
public sealed class NatSchedulingTests
{
    private static Dictionary<string, int> Spread(IEnumerable<string> replies) =>
        replies.GroupBy(r => r).ToDictionary(g => g.Key, g => g.Count());

    [Fact]
    public async Task Round_robin_spreads_new_connections_equally()
    {
        using var lab = new LoadBalancingLab();
        await lab.ApplyAsync(new DesiredTable([LoadBalancingLab.Service("rr", weights: [1, 1, 1, 1])]));

        var spread = Spread(lab.Requests(200));

        Assert.Equal(new Dictionary<string, int> { ["rs1"] = 50, ["rs2"] = 50, ["rs3"] = 50, ["rs4"] = 50 }, spread);
    }

    [Fact]
    public async Task Weighted_round_robin_is_proportional_to_weight()
    {
        using var lab = new LoadBalancingLab();
        await lab.ApplyAsync(new DesiredTable([LoadBalancingLab.Service("wrr", weights: [1, 2, 3, 4])]));

        var spread = Spread(lab.Requests(200));

        Assert.Equal(new Dictionary<string, int> { ["rs1"] = 20, ["rs2"] = 40, ["rs3"] = 60, ["rs4"] = 80 }, spread);
    }
}
