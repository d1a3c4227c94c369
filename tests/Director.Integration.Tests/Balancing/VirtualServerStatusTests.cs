using System.Diagnostics;
using System.Text.Json;
using Director.Integration.Tests.Management;

namespace Director.Integration.Tests.Balancing;

/// <summary>
/// `director run` on the seed's deployment with its management endpoint: GET /status and
/// `director status` show the virtual server with its four real servers (health, weight, active
/// connections from conntrack), a stopped one down, and the data plane "nftables".
/// </summary>
[Collection("netns")]
public sealed class VirtualServerStatusTests : IDisposable
{
    private readonly LoadBalancingLab _lab = new();
    private readonly string _dir = Directory.CreateTempSubdirectory("lbstatus").FullName;
    private Process? _daemon;
    private Process? _holder;

    public void Dispose()
    {
        foreach (var p in new[] { _holder, _daemon }.OfType<Process>())
        {
            try
            {
                if (!p.HasExited) Shell.Run($"kill -TERM {p.Id}");
                if (!p.WaitForExit(15000)) p.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
            }
            p.Dispose();
        }
        _lab.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public void Status_shows_each_real_server_with_health_weight_active_connections_and_the_data_plane()
    {
        var conf = Path.Combine(_dir, "keepalived.conf");
        File.WriteAllText(conf, Config());
        _daemon = Shell.Start($"exec ip netns exec {_lab.Director} env STATE_DIRECTORY={_dir} {string.Join(' ', DirectorBinary.Command())} run -n -l -C --lb-backend nftables -f {conf} >{_dir}/daemon.log 2>&1");

        Assert.True(Until(() => RealServers().Count(r => r.Healthy) == 4, TimeSpan.FromSeconds(40)), $"never 4 healthy:\n{Status()}\n{Log()}");
        // Connections held open through the VIP: ESTABLISHED in the director's conntrack.
        _holder = Shell.Start($"exec ip netns exec {_lab.Client} python3 -c \"import socket,time; s=[socket.create_connection(('{LoadBalancingLab.Vip}',80)) for _ in range(8)]; time.sleep(60)\"");
        Assert.True(Until(() => RealServers().Sum(r => r.Connections) >= 8, TimeSpan.FromSeconds(15)), $"connections never counted:\n{Status()}");

        Shell.Check($"ip netns exec {_lab.Server(2)} sh -c 'for p in $(ss -Htlnp \"sport = :80\" | grep -o \"pid=[0-9]*\" | cut -d= -f2); do kill $p; done'");
        Assert.True(Until(() => RealServers().Any(r => r.Address == "10.0.1.2:80" && !r.Healthy), TimeSpan.FromSeconds(15)), $"rs2 never down:\n{Status()}");

        using var status = JsonDocument.Parse(Status());
        var state = status.RootElement.GetProperty("directors")[0].GetProperty("state");
        Assert.Equal("nftables", state.GetProperty("dataPlane").GetString());
        var vs = Assert.Single(state.GetProperty("virtualServers").EnumerateArray());
        Assert.Equal("TCP", vs.GetProperty("protocol").GetString());
        var down = vs.GetProperty("realServers").EnumerateArray().Single(r => r.GetProperty("address").GetString() == "10.0.1.2:80");
        Assert.Equal(0, down.GetProperty("weight").GetInt32());

        var table = Shell.Check($"ip netns exec {_lab.Director} {string.Join(' ', DirectorBinary.Command())} status");
        Assert.Contains("data plane nftables", table);
        Assert.Matches(@"VIRTUAL SERVER\s+PROTO\s+SCHED\s+REAL SERVER\s+HEALTH\s+WEIGHT\s+ACTIVE", table);
        Assert.Matches(@"10\.0\.1\.1:80\s+up\s+1\s+\d+", table);
        Assert.Matches(@"10\.0\.1\.2:80\s+DOWN\s+0\s+\d+", table);

        var metrics = Shell.Check($"ip netns exec {_lab.Director} curl -s -m 5 http://127.0.0.1:8558/metrics");
        var samples = PrometheusSamples.Parse(metrics);
        Assert.Contains(samples, s => s.Name == "director_real_server_up" && s.Labels["real_server"] == "10.0.1.2:80" && s.Value == 0);
        Assert.Contains(samples, s => s.Name == "director_real_server_up" && s.Labels["real_server"] == "10.0.1.1:80" && s.Value == 1);
        Assert.Contains(samples, s => s.Name == "director_check_runs_total" && s.Labels["result"] == "success" && s.Value >= 1);
        Assert.Contains(samples, s => s.Name == "director_check_runs_total" && s.Labels["real_server"] == "10.0.1.2:80" && s.Labels["result"] == "failure" && s.Value >= 1);
        Assert.Contains(samples, s => s.Name == "director_check_latency_seconds_count" && s.Value >= 1);
        Assert.Contains(samples, s => s.Name == "director_real_server_transitions_total" && s.Labels["real_server"] == "10.0.1.2:80" && s.Labels["to"] == "down" && s.Value == 1);
        Assert.Contains(samples, s => s.Name == "director_data_plane_info" && s.Labels["backend"] == "nftables");
        Assert.True(samples.Where(s => s.Name == "director_real_server_active_connections").Sum(s => s.Value) >= 4, metrics);
    }

    private sealed record Rs(string Address, bool Healthy, int Weight, long Connections);

    private List<Rs> RealServers()
    {
        try
        {
            using var status = JsonDocument.Parse(Status());
            return status.RootElement.GetProperty("directors")[0].GetProperty("state").GetProperty("virtualServers").EnumerateArray()
                .SelectMany(v => v.GetProperty("realServers").EnumerateArray())
                .Select(r => new Rs(r.GetProperty("address").GetString()!, r.GetProperty("healthy").GetBoolean(), r.GetProperty("weight").GetInt32(), r.GetProperty("activeConnections").GetInt64()))
                .ToList();
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or IndexOutOfRangeException)
        {
            return [];
        }
    }

    private string Status() => Shell.Run($"ip netns exec {_lab.Director} curl -s -m 5 http://127.0.0.1:8558/status").Output;

    private static bool Until(Func<bool> condition, TimeSpan bound)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < bound)
        {
            if (condition()) return true;
            Thread.Sleep(300);
        }
        return condition();
    }

    private string Log() => File.Exists(Path.Combine(_dir, "daemon.log")) ? File.ReadAllText(Path.Combine(_dir, "daemon.log")) : "(no log)";

    private static string Config() => $$"""
        global_defs {
            router_id LB_STATUS
        }
        virtual_server {{LoadBalancingLab.Vip}} 80 {
            delay_loop 1
            lb_algo rr
            lb_kind NAT
            protocol TCP
        {{string.Join("\n", Enumerable.Range(1, 4).Select(i => $$"""
            real_server 10.0.1.{{i}} 80 {
                TCP_CHECK {
                    connect_timeout 1
                    retry 1
                    delay_before_retry 1
                }
            }
        """))}}
        }
        """;
}
