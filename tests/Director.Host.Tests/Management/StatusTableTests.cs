using System.Text.Json;
using Director.Actors.State;
using Director.Host.Commands;
using Director.Host.Management;

namespace Director.Host.Tests.Management;

public sealed class StatusTableTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    private static DirectorState Director(string node, string state, int priority) => new(
        node, $"akka.tcp://director@{node}:4053", At, true,
        [new VrrpInstanceView("VI_1", "eth0", state, priority, priority, "10.0.0.2", ["10.0.0.1"], 10, 20, new Dictionary<string, long>(), 2)],
        "none", [], null,
        [new TransitionView("VI_1", "BACKUP", state, priority, At)], []);

    private static ClusterStateView Cluster() => new(true, "akka.tcp://director@lb1:4053",
    [
        new DirectorReport("akka.tcp://director@lb1:4053", "Up", true, Director("lb1", "MASTER", 150), null),
        new DirectorReport("akka.tcp://director@lb2:4053", "Up", true, Director("lb2", "BACKUP", 100), null),
        new DirectorReport("akka.tcp://director@lb3:4053", "Up", false, null, "unreachable"),
    ]);

    [Fact]
    public void One_row_per_instance_of_every_director_and_unreachable_ones_named()
    {
        var table = StatusTable.Format(Cluster());

        Assert.Contains("3 director(s), 2 answered; cluster on", table);
        Assert.Matches(@"lb1\s+VI_1\s+eth0\s+MASTER\s+150\s+10\.0\.0\.2\s+10\.0\.0\.1\s+10\s+20\s+0", table);
        Assert.Matches(@"lb2\s+VI_1\s+eth0\s+BACKUP\s+100", table);
        Assert.Matches(@"akka\.tcp://director@lb3:4053\s+-\s+-\s+UNREACHABLE", table);
        Assert.Contains("lb1 VI_1: BACKUP -> MASTER", table);
    }

    [Fact]
    public void The_endpoint_json_reads_back_into_the_same_views()
    {
        var json = JsonSerializer.Serialize(Cluster(), StatusJson.Options);
        var back = JsonSerializer.Deserialize<ClusterStateView>(json, StatusJson.Options)!;

        Assert.Contains("\"vrrpInstances\"", json);
        Assert.Equal(StatusTable.Format(Cluster()), StatusTable.Format(back));
    }

    [Fact]
    public void Virtual_servers_list_each_real_server_with_health_weight_and_active_and_inactive_connections()
    {
        var lb = Director("lb1", "MASTER", 150) with
        {
            DataPlane = "nftables",
            VirtualServers =
            [
                new VirtualServerView("vs-10.0.0.1:80", "TCP", "rr",
                [
                    new RealServerView("10.0.1.1:80", true, 1, 7) { InactiveConnections = 12 },
                    new RealServerView("10.0.1.2:80", false, 0, 0),
                    new RealServerView("10.0.1.3:80", true, 0, 2) { OperatorWeight = 0 },
                    new RealServerView("10.0.1.4:80", true, 3, 0) { OperatorWeight = 3 },
                ]),
            ],
        };
        var table = StatusTable.Format(new ClusterStateView(false, null, [new DirectorReport("local", "Up", true, lb, null)]));

        Assert.Contains("virtual servers of lb1 (data plane nftables):", table);
        Assert.Matches(@"VIRTUAL SERVER\s+PROTO\s+SCHED\s+REAL SERVER\s+HEALTH\s+WEIGHT\s+ACTIVE\s+INACTIVE\s+OPERATOR\n", table);
        Assert.Matches(@"vs-10\.0\.0\.1:80\s+TCP\s+rr\s+10\.0\.1\.1:80\s+up\s+1\s+7\s+12\n", table);
        Assert.Matches(@"\n\s+10\.0\.1\.2:80\s+DOWN\s+0\s+0\s+0\n", table);
        Assert.Matches(@"\n\s+10\.0\.1\.3:80\s+up\s+0\s+2\s+0\s+drained\n", table);
        Assert.Matches(@"\n\s+10\.0\.1\.4:80\s+up\s+3\s+0\s+0\s+weight 3\n", table);
    }
}
