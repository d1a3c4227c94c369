using System.Diagnostics;
using System.Text.Json;
using Director.Core.Balancing;
using Director.Integration.Tests.Balancing;

namespace Director.Integration.Tests.History;

/// <summary>
/// The real `director run` (checkers side, nftables) in the lab namespaces, with four HTTP real
/// servers: `director drain` puts a real server at weight 0 in the kernel table and in the history;
/// after a daemon restart it is still drained and the earlier history is still there. Once on the
/// embedded SQLite file, once on a private PostgreSQL server.
/// </summary>
[Collection("netns")]
public sealed class HistoryDaemonTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    private readonly LoadBalancingLab _lab = new();
    private readonly string _dir = Directory.CreateTempSubdirectory("director-history-").FullName;
    private readonly string _binary = Path.Combine(AppContext.BaseDirectory, "director");
    private Process? _daemon;
    private int _runs;

    public void Dispose()
    {
        StopDaemon();
        _lab.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public void Drain_and_history_survive_a_daemon_restart_on_sqlite()
    {
        var settings = $$"""director.history { provider = sqlite, path = "{{_dir}}/state/history.db" }""";
        StartDaemon(settings);
        AwaitWeights(new() { ["10.0.1.1"] = 1, ["10.0.1.2"] = 1, ["10.0.1.3"] = 1, ["10.0.1.4"] = 1 });

        var drain = Cli("drain", "10.0.1.2");
        Assert.True(drain.Exit == 0, drain.Error);
        Assert.Equal("drained 10.0.1.2 in vs-10.0.0.1:80", drain.Out.Trim());
        AwaitWeights(new() { ["10.0.1.1"] = 1, ["10.0.1.2"] = 0, ["10.0.1.3"] = 1, ["10.0.1.4"] = 1 });

        // a real server going down is journaled too
        Shell.Check($"ip netns exec {_lab.Server(3)} sh -c 'for p in $(ss -Htlnp \"sport = :80\" | grep -o \"pid=[0-9]*\" | cut -d= -f2); do kill $p; done'");
        AwaitWeights(new() { ["10.0.1.1"] = 1, ["10.0.1.2"] = 0, ["10.0.1.4"] = 1 });
        var before = AwaitHistory(h => h.Any(IsDrain) && h.Any(IsRs3Down));

        var unknown = Cli("drain", "10.0.1.99");
        Assert.Equal(1, unknown.Exit);
        Assert.Contains("no virtual server has real server 10.0.1.99", unknown.Error, StringComparison.Ordinal);

        StopDaemon();
        StartDaemon(settings);
        AwaitWeights(new() { ["10.0.1.1"] = 1, ["10.0.1.2"] = 0, ["10.0.1.4"] = 1 });
        var after = AwaitHistory(h => h.Count >= before.Count);
        Assert.Equal(before, after.Take(before.Count).ToList());

        var table = Cli("history");
        Assert.Contains("operator", table.Out, StringComparison.Ordinal);
        Assert.Contains("up -> down", table.Out, StringComparison.Ordinal);

        var undrain = Cli("undrain", "10.0.1.2");
        Assert.True(undrain.Exit == 0, undrain.Error);
        AwaitWeights(new() { ["10.0.1.1"] = 1, ["10.0.1.2"] = 1, ["10.0.1.4"] = 1 });
        var weight = Cli("weight", "10.0.1.4:80", "3", "--vs", "10.0.0.1:80");
        Assert.True(weight.Exit == 0, weight.Error);
        AwaitWeights(new() { ["10.0.1.1"] = 1, ["10.0.1.2"] = 1, ["10.0.1.4"] = 3 });
        AwaitHistory(h => h.Any(e => e.Kind == "operator" && e.To == "undrain") && h.Any(e => e.Kind == "operator" && e.To == "weight 3"));
    }

    [Fact]
    public void Drain_and_history_survive_a_daemon_restart_on_postgresql()
    {
        using var postgres = new PrivatePostgres("director");
        var settings = $$"""director.history { provider = postgresql, connection-string = "{{postgres.ConnectionString}}" }""";
        StartDaemon(settings);
        AwaitWeights(new() { ["10.0.1.1"] = 1, ["10.0.1.2"] = 1, ["10.0.1.3"] = 1, ["10.0.1.4"] = 1 });

        var drain = Cli("drain", "10.0.1.1:80");
        Assert.True(drain.Exit == 0, drain.Error);
        AwaitWeights(new() { ["10.0.1.1"] = 0, ["10.0.1.2"] = 1, ["10.0.1.3"] = 1, ["10.0.1.4"] = 1 });
        var before = AwaitHistory(h => h.Any(e => e.Kind == "operator" && e.Subject == "10.0.1.1:80" && e.To == "drain"));
        Assert.NotEqual("0", postgres.Query("director", "select count(*) from journal").Trim());

        StopDaemon();
        StartDaemon(settings);
        AwaitWeights(new() { ["10.0.1.1"] = 0, ["10.0.1.2"] = 1, ["10.0.1.3"] = 1, ["10.0.1.4"] = 1 });
        var after = AwaitHistory(h => h.Count >= before.Count);
        Assert.Equal(before, after.Take(before.Count).ToList());
    }

    private static bool IsDrain(Entry e) => e is { Kind: "operator", Subject: "10.0.1.2", To: "drain", Detail: "vs-10.0.0.1:80" };

    private static bool IsRs3Down(Entry e) => e is { Kind: "real-server", Subject: "vs-10.0.0.1:80 10.0.1.3:80", From: "up", To: "down" };

    private const string Config = """
        global_defs {
            router_id HISTORY_TEST
        }
        virtual_server 10.0.0.1 80 {
            delay_loop 1
            lb_algo wrr
            lb_kind NAT
            protocol TCP
            real_server 10.0.1.1 80 {
                TCP_CHECK {
                    connect_timeout 1
                    retry 0
                }
            }
            real_server 10.0.1.2 80 {
                TCP_CHECK {
                    connect_timeout 1
                    retry 0
                }
            }
            real_server 10.0.1.3 80 {
                TCP_CHECK {
                    connect_timeout 1
                    retry 0
                }
            }
            real_server 10.0.1.4 80 {
                TCP_CHECK {
                    connect_timeout 1
                    retry 0
                }
            }
        }
        """;

    private void StartDaemon(string history)
    {
        File.WriteAllText(Path.Combine(_dir, "keepalived.conf"), Config);
        File.WriteAllText(Path.Combine(_dir, "settings.hocon"), history);
        var log = Path.Combine(_dir, $"daemon{++_runs}.log");
        _daemon = Shell.Start($"exec ip netns exec {_lab.Director} {_binary} run -n -l -C --lb-backend nftables -f {_dir}/keepalived.conf --settings {_dir}/settings.hocon >{log} 2>&1");
    }

    private void StopDaemon()
    {
        if (_daemon is null) return;
        Shell.Run($"kill -TERM {_daemon.Id}");
        if (!_daemon.WaitForExit(15000))
        {
            _daemon.Kill(entireProcessTree: true);
            _daemon.WaitForExit(2000);
        }
        _daemon.Dispose();
        _daemon = null;
    }

    private (int Exit, string Out, string Error) Cli(params string[] args) =>
        Shell.Run($"ip netns exec {_lab.Director} {_binary} {string.Join(' ', args)}", TimeSpan.FromSeconds(30));

    private Dictionary<string, int> Weights()
    {
        var table = _lab.Backend!.ReadBackAsync(CancellationToken.None).GetAwaiter().GetResult();
        return (table?.Services.Values ?? Enumerable.Empty<VirtualService>())
            .SelectMany(s => s.Destinations).ToDictionary(d => d.Address.ToString(), d => d.Weight);
    }

    private void AwaitWeights(Dictionary<string, int> expected)
    {
        var clock = Stopwatch.StartNew();
        var seen = new Dictionary<string, int>();
        while (clock.Elapsed < Bound)
        {
            seen = Weights();
            if (seen.Count == expected.Count && expected.All(e => seen.GetValueOrDefault(e.Key, -1) == e.Value)) return;
            Thread.Sleep(200);
        }
        Assert.Fail($"kernel weights {Show(seen)}, expected {Show(expected)}\n{Logs()}");
    }

    private List<Entry> AwaitHistory(Func<List<Entry>, bool> done)
    {
        var clock = Stopwatch.StartNew();
        var entries = new List<Entry>();
        var last = "";
        while (clock.Elapsed < Bound)
        {
            var run = Cli("history", "--json", "--limit", "1000");
            last = run.Out + run.Error;
            if (run.Exit == 0)
            {
                entries = JsonSerializer.Deserialize<Page>(run.Out, new JsonSerializerOptions(JsonSerializerDefaults.Web))?.Entries ?? [];
                if (done(entries)) return entries;
            }
            Thread.Sleep(300);
        }
        Assert.Fail($"history did not reach the expected entries; last answer: {last}\n{Logs()}");
        return entries;
    }

    private static string Show(Dictionary<string, int> weights) =>
        string.Join(", ", weights.OrderBy(w => w.Key, StringComparer.Ordinal).Select(w => $"{w.Key}={w.Value}"));

    private string Logs() => string.Join("\n", Directory.GetFiles(_dir, "daemon*.log").Order().Select(f => $"--- {f}\n{File.ReadAllText(f)}"));

    private sealed record Page(List<Entry> Entries);

    private sealed record Entry(DateTimeOffset At, string Kind, string Subject, string? From, string? To, string? Detail);
}
