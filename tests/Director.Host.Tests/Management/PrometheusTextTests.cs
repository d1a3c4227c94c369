using Director.Actors.State;
using Director.Host.Management;

namespace Director.Host.Tests.Management;

public sealed class PrometheusTextTests
{
    private static DirectorState State(params VrrpInstanceView[] instances) => new(
        "lb1", "local", DateTimeOffset.UnixEpoch, true, instances, "none", [],
        new KernelWritesView(4, 1, 0.002, 0.001, 0.008, 0), [], []);

    private static VrrpInstanceView Instance(string name, string state) => new(
        name, "eth0", state, 150, 100, "10.0.0.2", ["10.0.0.1"], 12, 3,
        new Dictionary<string, long> { ["TtlNot255"] = 2, ["ForeignVrid"] = 5 }, 4);

    [Fact]
    public void Every_instance_has_one_state_sample_per_state_with_a_single_one()
    {
        var text = PrometheusText.Format(State(Instance("VI_1", "MASTER"), Instance("VI_2", "BACKUP")));

        Assert.Contains("director_vrrp_instance_state{instance=\"VI_1\",state=\"MASTER\"} 1\n", text);
        Assert.Contains("director_vrrp_instance_state{instance=\"VI_1\",state=\"BACKUP\"} 0\n", text);
        Assert.Contains("director_vrrp_instance_state{instance=\"VI_2\",state=\"BACKUP\"} 1\n", text);
        Assert.Equal(2, text.Split('\n').Count(l => l.StartsWith("director_vrrp_instance_state{", StringComparison.Ordinal) && l.EndsWith(" 1", StringComparison.Ordinal)));
    }

    [Fact]
    public void Counters_drops_by_reason_and_kernel_writes_are_exposed()
    {
        var text = PrometheusText.Format(State(Instance("VI_1", "MASTER")));

        Assert.Contains("director_vrrp_adverts_sent_total{instance=\"VI_1\"} 12\n", text);
        Assert.Contains("director_vrrp_adverts_received_total{instance=\"VI_1\"} 3\n", text);
        Assert.Contains("director_vrrp_transitions_total{instance=\"VI_1\"} 4\n", text);
        Assert.Contains("director_vrrp_adverts_dropped_total{instance=\"VI_1\",reason=\"ttl_not255\"} 2\n", text);
        Assert.Contains("director_vrrp_adverts_dropped_total{instance=\"VI_1\",reason=\"foreign_vrid\"} 5\n", text);
        Assert.Contains("director_kernel_writes_total 4\n", text);
        Assert.Contains("director_kernel_write_failures_total 1\n", text);
        Assert.Contains("director_kernel_write_latency_seconds_sum 0.008\n", text);
        Assert.Contains("director_kernel_write_latency_seconds_count 4\n", text);
        Assert.Contains("# TYPE director_vrrp_transitions_total counter\n", text);
    }

    [Fact]
    public void Label_values_are_escaped()
    {
        var text = PrometheusText.Format(State(Instance("odd\"name\\", "MASTER")));

        Assert.Contains("instance=\"odd\\\"name\\\\\"", text);
    }
}
