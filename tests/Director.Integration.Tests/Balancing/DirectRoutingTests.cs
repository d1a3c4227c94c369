using Director.TestSupport.Netns;
using Director.Core.Balancing;

namespace Director.Integration.Tests.Balancing;

[Collection(NetnsCollection.Name)]
public sealed class DirectRoutingTests
{
    [Fact]
    public async Task Replies_go_from_the_servers_to_the_client_without_crossing_the_director()
    {
        using var lab = new LoadBalancingLab();
        lab.UseDirectRouting();
        await lab.ApplyAsync(new DesiredTable([LoadBalancingLab.Service("rr", ForwardingMethod.DirectRoute, 1, 1, 1, 1)]));
        var directorLanRx = lab.Counter(lab.Director, "lan", "rx_packets");
        var directorLanTx = lab.Counter(lab.Director, "lan", "tx_packets");
        var serversTx = Enumerable.Range(1, 4).Sum(i => lab.Counter(lab.Server(i), "eth0", "tx_packets"));

        var replies = lab.Requests(40);

        var repliesSent = Enumerable.Range(1, 4).Sum(i => lab.Counter(lab.Server(i), "eth0", "tx_packets")) - serversTx;
        var requestsForwarded = lab.Counter(lab.Director, "lan", "tx_packets") - directorLanTx;
        var receivedByDirector = lab.Counter(lab.Director, "lan", "rx_packets") - directorLanRx;
        Assert.DoesNotContain("FAIL", replies);
        Assert.All(replies.GroupBy(r => r), g => Assert.Equal(10, g.Count()));
        Assert.True(repliesSent >= 40 * 4, $"servers sent {repliesSent}");
        Assert.True(requestsForwarded >= 40 * 4, $"director forwarded {requestsForwarded}");
        Assert.True(receivedByDirector * 10 < repliesSent, $"director received {receivedByDirector} packets from the servers' side, servers sent {repliesSent}");
    }

    [Fact]
    public async Task A_connection_stays_on_one_server_and_servers_can_be_removed_under_load()
    {
        using var lab = new LoadBalancingLab();
        lab.UseDirectRouting();
        var all = LoadBalancingLab.Service("wrr", ForwardingMethod.DirectRoute, 1, 1, 1, 1);
        await lab.ApplyAsync(new DesiredTable([all]));
        using var load = Shell.Start(
            $"ip netns exec {lab.Client} sh -c 'for i in $(seq 150); do curl -s -m 2 http://{LoadBalancingLab.Vip}/ || echo FAIL; done'");
        var output = load.StandardOutput.ReadToEndAsync();

        for (var step = 0; step < 20 && !load.HasExited; step++)
        {
            var removed = step % 4;
            await lab.ApplyAsync(new DesiredTable([all with { Destinations = all.Destinations.Where((_, i) => i != removed).ToArray() }]));
            await Task.Delay(50);
            await lab.ApplyAsync(new DesiredTable([all]));
            await Task.Delay(50);
        }

        Assert.True(load.WaitForExit(30_000));
        var replies = (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(150, replies.Length);
        Assert.DoesNotContain("FAIL", replies);
    }
}
