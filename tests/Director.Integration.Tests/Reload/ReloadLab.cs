using System.Globalization;
using System.Text.RegularExpressions;
using Director.Integration.Tests.Management;
using Director.TestSupport.Netns;

namespace Director.Integration.Tests.Reload;

/// <summary>
/// One director in a namespace (eth0 10.9.0.2/24 on a bridge) running VRRP instances and a
/// virtual server 10.9.0.100:80 on nftables whose real servers (10.9.1.N:8080 on lo, one
/// local listener) are TCP_CHECKed; plus the watchers a reload test reads: `ip monitor address`,
/// tcpdump of the adverts, the nftables ruleset with handles and the metrics. Everything goes
/// when disposed.
/// </summary>
public sealed partial class ReloadLab : IDisposable
{
    public const string Endpoint = "http://127.0.0.1:8558";
    private readonly DirectorLab _lab = new();
    private LabProcess? _director;
    private LabProcess? _monitor;
    private LabProcess? _adverts;

    public ReloadLab()
    {
        try
        {
            Namespace = _lab.AddNamespaces(1)[0];
            Namespace.SetUp("lo");
            for (var i = 1; i <= 4; i++)
                Namespace.AddAddress("lo", $"10.9.1.{i}/32");
            Namespace.Start("python3", "-m", "http.server", "8080", "--bind", "0.0.0.0");
            ConfigFile = _lab.FilePath("keepalived.conf");
        }
        catch
        {
            // The caller's `using` never gets this object: clean up here.
            _lab.Dispose();
            throw;
        }
    }

    public LabNamespace Namespace { get; }

    public string ConfigFile { get; }

    public LabProcess Director => _director ?? throw new InvalidOperationException("not started");

    public string Log => _director is null ? "" : $"{_director.Stdout}\n{_director.Stderr}";

    /// <summary>A keepalived.conf: instances (name, VRID, VIPs; all MASTER 150, advert_int 1) and the real servers 10.9.1.N of the one virtual server.</summary>
    public static string Config(IEnumerable<(string Name, int Vrid, string[] Vips)> instances, IEnumerable<int> realServers) =>
        "global_defs {\n    router_id reload_test\n}\n"
        + string.Concat(instances.Select(i => $$"""
            vrrp_instance {{i.Name}} {
                state MASTER
                interface eth0
                virtual_router_id {{i.Vrid}}
                priority 150
                advert_int 1
                virtual_ipaddress {
            {{string.Join("\n", i.Vips.Select(v => $"        {v}/24"))}}
                }
            }

            """))
        + $$"""
            virtual_server 10.9.0.100 80 {
                delay_loop 1
                lb_algo rr
                lb_kind NAT
                protocol TCP
            {{string.Join("\n", realServers.Select(n => $$"""
                real_server 10.9.1.{{n}} 8080 {
                    TCP_CHECK {
                        connect_timeout 1
                    }
                }
            """))}}
            }
            """;

    public void Start(string config)
    {
        File.WriteAllText(ConfigFile, config);
        _director = Namespace.Start(["env", $"STATE_DIRECTORY={_lab.FilePath("state")}", .. DirectorBinary.Command(), "run", "-n", "-l", "--lb-backend", "nftables", "-f", ConfigFile]);
    }

    /// <summary>Waits until every instance is MASTER with its VIPs and the kernel table holds every real server.</summary>
    public void AwaitSteady(string[] instances, string[] vips, int[] realServers)
    {
        var ok = Poll.Until(() =>
        {
            if (Director.HasExited) return true;
            var addresses = Namespace.TryExec("ip", "-4", "-o", "addr", "show").Stdout;
            var rules = Ruleset();
            return vips.All(v => addresses.Contains($" {v}/24", StringComparison.Ordinal))
                && realServers.All(n => rules.Contains($"10.9.1.{n}", StringComparison.Ordinal))
                && instances.All(i => MetricOrNullWhileStarting("director_vrrp_instance_state", ("instance", i), ("state", "MASTER")) == 1);
        }, TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(300));
        Assert.True(ok && !Director.HasExited, $"never steady:\n{Ruleset()}\n{Log}");
        // A TCP_CHECK round after the table is complete, so that checker state is settled.
        Thread.Sleep(1500);
    }

    private double? MetricOrNullWhileStarting(string name, params (string Key, string Value)[] labels)
    {
        try
        {
            return Metric(name, labels);
        }
        catch (InvalidOperationException)
        {
            return null; // the endpoint is not up yet
        }
    }

    /// <summary>Starts `ip monitor address` and tcpdump of the adverts; waits until both are capturing.</summary>
    public void StartWatching()
    {
        _monitor = Namespace.Start("ip", "monitor", "address");
        _adverts = Namespace.Start("tcpdump", "-l", "-n", "-tt", "-i", "eth0", "ip proto 112");
        Assert.True(Poll.Until(() => Adverts(51).Count >= 2, TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(200)),
            $"tcpdump saw no adverts: {_adverts.Stderr}");
    }

    /// <summary>What `ip monitor address` printed since <see cref="StartWatching"/>.</summary>
    public string AddressEvents => _monitor?.Stdout ?? "";

    /// <summary>The times (s) of the adverts of <paramref name="vrid"/> seen by tcpdump.</summary>
    public IReadOnlyList<double> Adverts(int vrid) =>
        (_adverts?.Stdout ?? "").Split('\n')
            .Select(line => AdvertLine().Match(line))
            .Where(m => m.Success && m.Groups["vrid"].Value == vrid.ToString(CultureInfo.InvariantCulture))
            .Select(m => double.Parse(m.Groups["time"].Value, CultureInfo.InvariantCulture))
            .ToList();

    /// <summary>The longest time between two adverts of <paramref name="vrid"/> from <paramref name="since"/> on.</summary>
    public double LongestAdvertGap(int vrid, double since)
    {
        var times = Adverts(vrid).Where(t => t >= since - 1.5).ToList();
        Assert.True(times.Count >= 3, $"too few adverts of vrid {vrid}: {times.Count}");
        return times.Zip(times.Skip(1), (a, b) => b - a).Max();
    }

    public static double Now() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;

    /// <summary>`nft -a list ruleset`: every table with its rule handles.</summary>
    public string Ruleset() => Namespace.TryExec("nft", "-a", "list", "ruleset").Stdout;

    public CommandResult Reload() =>
        Namespace.TryExec([.. DirectorBinary.Command(), "reload", "--endpoint", Endpoint]);

    /// <summary>
    /// The one sample of <paramref name="name"/> with <paramref name="labels"/>, or null when there is
    /// none. Fails when the endpoint does not answer or when the labels match several samples: a
    /// comparison of two missing samples must never pass as "unchanged".
    /// </summary>
    public double? Metric(string name, params (string Key, string Value)[] labels)
    {
        var (status, text) = new ManagementClient(Namespace, Endpoint).Get("/metrics");
        if (status != 200) throw new InvalidOperationException($"GET /metrics answered {status}\n{Log}");
        var found = PrometheusSamples.Parse(text).Where(s => s.Name == name && labels.All(l => s.Labels.TryGetValue(l.Key, out var v) && v == l.Value)).ToList();
        return found.Count switch
        {
            0 => null,
            1 => found[0].Value,
            _ => throw new InvalidOperationException($"{found.Count} samples of {name} match {string.Join(",", labels)}"),
        };
    }

    public void Dispose()
    {
        try
        {
            if (_director is { HasExited: false })
            {
                _director.Signal(15);
                _director.WaitForExit(TimeSpan.FromSeconds(15));
            }
        }
        finally
        {
            _lab.Dispose();
        }
    }

    [GeneratedRegex(@"^(?<time>\d+\.\d+) IP .*vrid (?<vrid>\d+),")]
    private static partial Regex AdvertLine();
}
