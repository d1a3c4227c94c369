using System.Text.Json;
using Director.TestSupport.Netns;

namespace Director.Integration.Tests.Management;

[Collection(NetnsCollection.Name)]
public sealed class ClusterPartitionTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);

    // TCP on the Akka port only, both ways: VRRP (IP protocol 112) still flows.
    private const string BlockAkka = """
        table inet dt_akka_block {
          chain input {
            type filter hook input priority 0; policy accept;
            tcp dport 4053 drop
            tcp sport 4053 drop
          }
          chain output {
            type filter hook output priority 0; policy accept;
            tcp dport 4053 drop
            tcp sport 4053 drop
          }
        }
        """;

    [Fact]
    public void A_partition_between_the_akka_ports_changes_nothing_in_vrrp_and_heals()
    {
        using var lab = new DirectorLab();
        var namespaces = lab.AddNamespaces(2);
        var processes = new[]
        {
            lab.StartDirector(namespaces[0], 0, priority: 150, DirectorLab.ClusterSettings(0)),
            lab.StartDirector(namespaces[1], 1, priority: 100, DirectorLab.ClusterSettings(1)),
        };
        var clients = namespaces.Select(ns => new ManagementClient(ns)).ToArray();
        for (var i = 0; i < 2; i++)
            Assert.True(Poll.Until(() => clients[i].IsReady() || processes[i].HasExited, Limit, TimeSpan.FromMilliseconds(500)) && !processes[i].HasExited,
                $"dir{i} not ready:\n{processes[i].Stdout}\n{processes[i].Stderr}");
        Assert.True(Poll.Until(() => Answered(clients[0]) == 2 && Local(clients[0]).State == "MASTER" && Local(clients[1]).State == "BACKUP",
            TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(500)), "cluster of two with dir0 MASTER never seen");
        var before = clients.Select(Local).ToArray();

        var rules = lab.FilePath("block.nft");
        File.WriteAllText(rules, BlockAkka);
        namespaces[1].Exec("nft", "-f", rules);
        try
        {
            Assert.True(Poll.Until(() => Answered(clients[0]) == 1, Limit, TimeSpan.FromMilliseconds(500)), "dir1 never reported missing by dir0");
            var partitionedStatus = clients[0].GetJson("/status").GetProperty("directors");
            Assert.Contains(partitionedStatus.EnumerateArray(), d => d.GetProperty("state").ValueKind == JsonValueKind.Null);
            // Longer than a split-brain resolver's stable-after (20 s): nobody is downed.
            Thread.Sleep(TimeSpan.FromSeconds(22));
            Assert.All(processes, p => Assert.False(p.HasExited));
            var during = clients.Select(Local).ToArray();
            for (var i = 0; i < 2; i++)
            {
                Assert.Equal(before[i].State, during[i].State);
                Assert.Equal(before[i].Transitions, during[i].Transitions);
            }
            Assert.True(during[1].Received > before[1].Received, "dir1 kept receiving dir0's adverts");
        }
        finally
        {
            namespaces[1].TryExec("nft", "delete", "table", "inet", "dt_akka_block");
        }

        Assert.True(Poll.Until(() => Answered(clients[0]) == 2 && Answered(clients[1]) == 2, Limit, TimeSpan.FromMilliseconds(500)),
            "the cluster did not heal after the partition");
        Assert.Equal(before[1].Transitions, Local(clients[1]).Transitions);
    }

    private sealed record LocalVrrp(string State, int Transitions, long Received);

    private static LocalVrrp Local(ManagementClient client)
    {
        var instance = client.GetJson("/status/local").GetProperty("vrrpInstances")[0];
        return new LocalVrrp(instance.GetProperty("state").GetString()!, instance.GetProperty("transitions").GetInt32(), instance.GetProperty("advertsReceived").GetInt64());
    }

    private static int Answered(ManagementClient client) =>
        client.GetJson("/status").GetProperty("directors").EnumerateArray().Count(d => d.GetProperty("state").ValueKind == JsonValueKind.Object);
}
