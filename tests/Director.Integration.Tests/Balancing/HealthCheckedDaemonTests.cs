using System.Diagnostics;
using Director.Core.Balancing;

namespace Director.Integration.Tests.Balancing;

/// <summary>
/// The real `director run` on the seed's deployment (lab namespaces): four HTTP real servers
/// behind VIP 10.0.0.1:80 with TCP_CHECK. A stopped server leaves the kernel table within
/// connect_timeout + delay_before_retry x retry + delay_loop and clients see no failure after
/// that; a restarted one returns; with all four stopped the sorry server answers; at stop the
/// daemon removes its services (keepalived's default).
/// </summary>
[Collection("netns")]
public sealed class HealthCheckedDaemonTests : IDisposable
{
    private const int ConnectTimeout = 1, Retry = 1, DelayBeforeRetry = 1, DelayLoop = 1;

    // Bound from issue 6, plus scheduling slack (check start, one nft transaction).
    private static readonly TimeSpan LeaveBound = TimeSpan.FromSeconds(ConnectTimeout + DelayBeforeRetry * Retry + DelayLoop);
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(1.5);

    private readonly LoadBalancingLab _lab = new();
    private readonly string _dir = Directory.CreateTempSubdirectory("lbdaemon").FullName;
    private readonly Dictionary<int, Process> _restarted = [];
    private Process? _daemon;

    public void Dispose()
    {
        StopDaemon();
        foreach (var p in _restarted.Values) Kill(p);
        _lab.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public void Servers_leave_and_return_with_their_checks_and_the_sorry_server_serves_when_all_are_down()
    {
        StartSorryServer();
        StartDaemon();
        var all = new[] { 1, 2, 3, 4 };
        AwaitTable(all, TimeSpan.FromSeconds(15));
        AssertServed(all, 40);

        StopServer(2);
        var left = AwaitTable([1, 3, 4], LeaveBound + Slack);
        Assert.True(left <= LeaveBound + Slack, $"rs2 left the table after {left.TotalSeconds:0.0} s");
        AssertServed([1, 3, 4], 30);

        StartServer(2);
        AwaitTable(all, TimeSpan.FromSeconds(DelayLoop + ConnectTimeout) + Slack + TimeSpan.FromSeconds(DelayBeforeRetry));
        AssertServed(all, 40);

        foreach (var i in all) StopServer(i);
        AwaitSorry(LeaveBound + Slack);
        Assert.All(_lab.Requests(10), answer => Assert.Equal("sorry", answer));

        StartServer(3);
        AwaitTable([3], TimeSpan.FromSeconds(DelayLoop + ConnectTimeout + DelayBeforeRetry) + Slack);
        Assert.All(_lab.Requests(10), answer => Assert.Equal("rs3", answer));

        StopDaemon();
        Assert.Empty(ReadBack()?.Services ?? []);
    }

    private string Config() => $$"""
        global_defs {
            router_id LB_TEST
        }
        virtual_server {{LoadBalancingLab.Vip}} 80 {
            delay_loop {{DelayLoop}}
            lb_algo rr
            lb_kind NAT
            protocol TCP
            sorry_server 10.0.1.4 8080
        {{string.Join("\n", Enumerable.Range(1, 4).Select(i => $$"""
            real_server 10.0.1.{{i}} 80 {
                TCP_CHECK {
                    connect_timeout {{ConnectTimeout}}
                    retry {{Retry}}
                    delay_before_retry {{DelayBeforeRetry}}
                }
            }
        """))}}
        }
        """;

    private void StartDaemon()
    {
        var conf = Path.Combine(_dir, "keepalived.conf");
        File.WriteAllText(conf, Config());
        var binary = Path.Combine(AppContext.BaseDirectory, "director");
        _daemon = Shell.Start($"exec ip netns exec {_lab.Director} env STATE_DIRECTORY={_dir} {binary} run -n -l -C --lb-backend nftables -f {conf} >{_dir}/daemon.log 2>&1");
    }

    private void StopDaemon()
    {
        if (_daemon is null) return;
        Shell.Run($"kill -TERM {_daemon.Id}");
        if (!_daemon.WaitForExit(15000)) Kill(_daemon);
        _daemon.Dispose();
        _daemon = null;
    }

    private void StartSorryServer()
    {
        var dir = Directory.CreateDirectory(Path.Combine(_dir, "sorry")).FullName;
        File.WriteAllText(Path.Combine(dir, "index.html"), "sorry\n");
        _lab.StartIn(_lab.Server(4), $"/usr/bin/python3 -m http.server 8080 --bind 0.0.0.0 --directory {dir}");
    }

    private void StopServer(int i) =>
        // the lab's server on :80 (or the one this test restarted); the sorry server on :8080 stays
        Shell.Check($"ip netns exec {_lab.Server(i)} sh -c 'for p in $(ss -Htlnp \"sport = :80\" | grep -o \"pid=[0-9]*\" | cut -d= -f2); do kill $p; done'");

    private void StartServer(int i)
    {
        var dir = Directory.CreateDirectory(Path.Combine(_dir, $"rs{i}")).FullName;
        File.WriteAllText(Path.Combine(dir, "index.html"), $"rs{i}\n");
        if (_restarted.Remove(i, out var old)) Kill(old);
        _restarted[i] = Shell.Start($"exec ip netns exec {_lab.Server(i)} /usr/bin/python3 -m http.server 80 --bind 0.0.0.0 --directory {dir} >/dev/null 2>&1");
    }

    private DesiredTable? ReadBack() => _lab.Backend!.ReadBackAsync(CancellationToken.None).GetAwaiter().GetResult();

    private static IEnumerable<string> Destinations(DesiredTable? table) =>
        (table?.Services.Values ?? Enumerable.Empty<VirtualService>())
            .SelectMany(s => s.Destinations).Where(d => d.Weight > 0).Select(d => $"{d.Address}:{d.Port}").Order();

    /// <summary>Waits until the kernel table holds exactly the real servers <paramref name="servers"/>; returns how long it took.</summary>
    private TimeSpan AwaitTable(int[] servers, TimeSpan bound)
    {
        var expected = servers.Select(i => $"10.0.1.{i}:80").Order().ToList();
        return AwaitDestinations(expected, bound);
    }

    private TimeSpan AwaitSorry(TimeSpan bound) => AwaitDestinations(["10.0.1.4:8080"], bound);

    private TimeSpan AwaitDestinations(List<string> expected, TimeSpan bound)
    {
        var clock = Stopwatch.StartNew();
        List<string> seen = [];
        while (clock.Elapsed < bound + TimeSpan.FromSeconds(5))
        {
            seen = Destinations(ReadBack()).ToList();
            if (seen.SequenceEqual(expected))
            {
                Assert.True(clock.Elapsed <= bound, $"table reached [{string.Join(", ", expected)}] after {clock.Elapsed.TotalSeconds:0.0} s, bound {bound.TotalSeconds:0.0} s");
                return clock.Elapsed;
            }

            Thread.Sleep(100);
        }

        Assert.Fail($"kernel table holds [{string.Join(", ", seen)}], expected [{string.Join(", ", expected)}]\n{Log()}");
        return clock.Elapsed;
    }

    private void AssertServed(int[] servers, int requests)
    {
        var answers = _lab.Requests(requests);
        Assert.DoesNotContain("FAIL", answers);
        Assert.Equal(servers.Select(i => $"rs{i}").Order(), answers.Distinct().Order());
    }

    private string Log()
    {
        try
        {
            return File.ReadAllText(Path.Combine(_dir, "daemon.log"));
        }
        catch (IOException)
        {
            return "(no log)";
        }
    }

    private static void Kill(Process p)
    {
        try
        {
            if (!p.HasExited) p.Kill(entireProcessTree: true);
            p.WaitForExit(2000);
        }
        catch (InvalidOperationException)
        {
        }
    }
}
