using Director.Actors.Balancing;
using Director.Actors.State;
using Director.Host.Management;

namespace Director.Host.Tests.Management;

public sealed class HealthCheckMetricsTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Checks_are_counted_by_result_with_a_cumulative_latency_histogram()
    {
        var stats = new HealthCheckStatistics();
        var counters = stats.CountersOf("vs-10.0.0.1:80", "10.0.1.1:80", "TcpCheck");
        counters.Record(true, TimeSpan.FromMilliseconds(3));
        counters.Record(false, TimeSpan.FromSeconds(1));
        stats.Add(new RealServerTransitioned("vs-10.0.0.1:80", "10.0.1.1:80", true, false, null, At));
        stats.Add(new RealServerTransitioned("vs-10.0.0.1:80", "10.0.1.1:80", false, false, 3, At));

        var text = PrometheusText.Format(State(), stats.Snapshot());

        Assert.Contains("director_check_runs_total{virtual_server=\"vs-10.0.0.1:80\",real_server=\"10.0.1.1:80\",checker=\"tcp_check\",result=\"success\"} 1\n", text);
        Assert.Contains("director_check_runs_total{virtual_server=\"vs-10.0.0.1:80\",real_server=\"10.0.1.1:80\",checker=\"tcp_check\",result=\"failure\"} 1\n", text);
        Assert.Contains("director_check_latency_seconds_bucket{virtual_server=\"vs-10.0.0.1:80\",real_server=\"10.0.1.1:80\",checker=\"tcp_check\",le=\"0.001\"} 0\n", text);
        Assert.Contains("director_check_latency_seconds_bucket{virtual_server=\"vs-10.0.0.1:80\",real_server=\"10.0.1.1:80\",checker=\"tcp_check\",le=\"0.005\"} 1\n", text);
        Assert.Contains("director_check_latency_seconds_bucket{virtual_server=\"vs-10.0.0.1:80\",real_server=\"10.0.1.1:80\",checker=\"tcp_check\",le=\"1\"} 2\n", text);
        Assert.Contains("director_check_latency_seconds_bucket{virtual_server=\"vs-10.0.0.1:80\",real_server=\"10.0.1.1:80\",checker=\"tcp_check\",le=\"+Inf\"} 2\n", text);
        Assert.Contains("director_check_latency_seconds_count{virtual_server=\"vs-10.0.0.1:80\",real_server=\"10.0.1.1:80\",checker=\"tcp_check\"} 2\n", text);
        Assert.Contains("director_real_server_transitions_total{virtual_server=\"vs-10.0.0.1:80\",real_server=\"10.0.1.1:80\",to=\"down\"} 1\n", text);
        Assert.Contains("director_real_server_transitions_total{virtual_server=\"vs-10.0.0.1:80\",real_server=\"10.0.1.1:80\",to=\"up\"} 0\n", text);
        Assert.Contains("# TYPE director_check_latency_seconds histogram\n", text);
    }

    [Fact]
    public void Real_servers_show_health_weight_connections_and_the_data_plane()
    {
        var text = PrometheusText.Format(State());

        Assert.Contains("director_data_plane_info{backend=\"nftables\"} 1\n", text);
        Assert.Contains("director_real_server_up{virtual_server=\"vs-10.0.0.1:80\",real_server=\"10.0.1.1:80\"} 1\n", text);
        Assert.Contains("director_real_server_up{virtual_server=\"vs-10.0.0.1:80\",real_server=\"10.0.1.2:80\"} 0\n", text);
        Assert.Contains("director_real_server_weight{virtual_server=\"vs-10.0.0.1:80\",real_server=\"10.0.1.1:80\"} 3\n", text);
        Assert.Contains("director_real_server_active_connections{virtual_server=\"vs-10.0.0.1:80\",real_server=\"10.0.1.1:80\"} 5\n", text);
    }

    [Fact]
    public void Datagrams_dropped_by_the_sockets_before_any_instance_are_counted_by_reason()
    {
        var text = PrometheusText.Format(State() with { Receivers = [new ReceiverView("eth0", 40, 7, 2)] });

        Assert.Contains("director_vrrp_receiver_datagrams_total{interface=\"eth0\"} 40\n", text);
        Assert.Contains("director_vrrp_receiver_dropped_total{interface=\"eth0\",reason=\"foreign_vrid\"} 7\n", text);
        Assert.Contains("director_vrrp_receiver_dropped_total{interface=\"eth0\",reason=\"unreadable\"} 2\n", text);
    }

    private static DirectorState State() => new(
        "lb1", "local", At, true, [], "nftables",
        [new VirtualServerView("vs-10.0.0.1:80", "TCP", "rr", [new RealServerView("10.0.1.1:80", true, 3, 5), new RealServerView("10.0.1.2:80", false, 0, 0)])],
        null, [], []);
}
