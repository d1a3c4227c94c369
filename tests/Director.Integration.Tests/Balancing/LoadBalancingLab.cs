using System.Diagnostics;
using System.Globalization;
using System.Net;
using Director.Core.Balancing;
using Director.Core.Balancing.Nft;
using Director.Native.Nftables;

namespace Director.Integration.Tests.Balancing;

/// <summary>
/// The seed's deployment in network namespaces, all torn down on dispose:
/// <code>
///   client 10.0.2.2 --+                      +-- rs1..rs4 10.0.1.1-4 (HTTP :80 answering "rsN")
///                     | pub switch           | lan switch
///   director 10.0.2.1 +- (VIP 10.0.0.1)      +- director 10.0.1.254
///   router  10.0.2.253 +                     +- router  10.0.1.253
/// </code>
/// The client routes the VIP via the director. Real servers route via the director (NAT) or via
/// the router (DR, with the VIP on lo). The switches live in their own namespace so that no
/// bridged frame is counted on the director.
/// </summary>
internal sealed class LoadBalancingLab : IDisposable
{
    public const string Vip = "10.0.0.1";
    public const int ServerCount = 4;

    private static int _counter;
    private readonly List<Process> _servers = [];
    private readonly string _root;

    /// <param name="options">Backend options; the DR devices are always set to the lab's.</param>
    public LoadBalancingLab(NftOptions? options = null)
    {
        Prefix = $"lb{Environment.ProcessId % 10000}x{Interlocked.Increment(ref _counter)}";
        _root = Directory.CreateTempSubdirectory("lblab").FullName;
        try
        {
            Shell.Check(Topology(), TimeSpan.FromSeconds(30));
            StartServers();
            Backend = new NftablesBackend((options ?? new NftOptions()) with { DrIngressDevice = "pub", DrEgressDevice = "lan" }, Director);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public string Prefix { get; }

    public string Client => $"{Prefix}-c";

    public string Director => $"{Prefix}-d";

    public string Router => $"{Prefix}-r";

    public string Switch => $"{Prefix}-s";

    public NftablesBackend? Backend { get; private set; }

    public string Server(int i) => $"{Prefix}-rs{i}";

    public static IPAddress ServerAddress(int i) => IPAddress.Parse($"10.0.1.{i}");

    /// <summary>Applies <paramref name="target"/> through the diff from what the backend holds.</summary>
    public async Task ApplyAsync(DesiredTable target)
    {
        var changes = TableDiff.Between(Backend!.Current, target);
        await Backend.ApplyAsync(changes, target, CancellationToken.None);
    }

    public static VirtualService Service(string scheduler, ForwardingMethod method = ForwardingMethod.Masquerade, params int[] weights) => new()
    {
        Key = VirtualServiceKey.ForAddress(IPAddress.Parse(Vip), 80, IpProtocol.Tcp),
        Scheduler = new Scheduler(scheduler),
        Destinations = weights.Select((w, i) => new Destination { Address = ServerAddress(i + 1), Port = 80, Weight = w, Method = method })
            .Where(d => d.Weight >= 0).ToArray(),
    };

    /// <summary>Real servers reply through the router (DR) instead of the director (NAT), VIP on lo.</summary>
    public void UseDirectRouting()
    {
        var script = string.Join('\n', Enumerable.Range(1, ServerCount).Select(i => $"""
            ip -n {Server(i)} addr add {Vip}/32 dev lo
            ip netns exec {Server(i)} sysctl -qw net.ipv4.conf.all.arp_ignore=1 net.ipv4.conf.all.arp_announce=2
            ip -n {Server(i)} route replace default via 10.0.1.253
            """));
        Shell.Check(script);
    }

    /// <summary>
    /// <paramref name="count"/> requests, each a new connection, from the client (or from
    /// <paramref name="sourceAddress"/>); one line per request: the server's name or FAIL.
    /// </summary>
    public List<string> Requests(int count, string? fromNamespace = null, string? sourceAddress = null, string target = Vip)
    {
        var from = sourceAddress is null ? "" : $"--interface {sourceAddress} ";
        var output = Shell.Check(
            $"ip netns exec {fromNamespace ?? Client} sh -c 'for i in $(seq {count}); do curl -s -m 2 {from}http://{target}/ || echo FAIL; done'",
            TimeSpan.FromSeconds(10 + count * 0.5));
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
    }

    /// <summary>Adds client source addresses 10.0.2.(10+i) and returns them.</summary>
    public string[] AddClientAddresses(int count)
    {
        var addresses = Enumerable.Range(10, count).Select(i => $"10.0.2.{i}").ToArray();
        Shell.Check(string.Join('\n', addresses.Select(a => $"ip -n {Client} addr add {a}/24 dev eth0")));
        return addresses;
    }

    /// <summary>Starts a process in a namespace of the lab; it is killed on dispose.</summary>
    public Process StartIn(string ns, string command)
    {
        var process = Shell.Start($"exec ip netns exec {ns} {command}");
        _servers.Add(process);
        return process;
    }

    public long Counter(string ns, string device, string counter) => long.Parse(
        Shell.Check($"ip netns exec {ns} cat /sys/class/net/{device}/statistics/{counter}").Trim(), CultureInfo.InvariantCulture);

    public void Dispose()
    {
        try
        {
            Backend?.Dispose();
        }
        finally
        {
            Backend = null;
            Teardown();
        }
    }

    private void Teardown()
    {
        foreach (var server in _servers)
        {
            try
            {
                if (!server.HasExited) server.Kill(entireProcessTree: true);
                server.WaitForExit(2000);
            }
            catch (InvalidOperationException)
            {
            }

            server.Dispose();
        }

        var names = new[] { Client, Director, Router, Switch }.Concat(Enumerable.Range(1, ServerCount).Select(Server));
        Shell.Run(string.Join('\n', names.Select(n => $"ip netns del {n} 2>/dev/null")) + "\ntrue");
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private string Topology()
    {
        var s = Switch;
        var lines = new List<string>
        {
            "set -e",
            $"for n in {Client} {Director} {Router} {s} {string.Join(' ', Enumerable.Range(1, ServerCount).Select(Server))}; do ip netns add $n; ip -n $n link set lo up; ip netns exec $n sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1; done",
            $"ip -n {s} link add pubbr type bridge && ip -n {s} link set pubbr up",
            $"ip -n {s} link add lanbr type bridge && ip -n {s} link set lanbr up",
            Leg(Client, "eth0", "pc", "pubbr", "10.0.2.2/24"),
            Leg(Director, "pub", "pd", "pubbr", "10.0.2.1/24"),
            Leg(Router, "pub", "pr", "pubbr", "10.0.2.253/24"),
            Leg(Director, "lan", "ld", "lanbr", "10.0.1.254/24"),
            Leg(Router, "lan", "lr", "lanbr", "10.0.1.253/24"),
            $"ip -n {Client} route add {Vip}/32 via 10.0.2.1",
            $"ip -n {Client} route add 10.0.1.0/24 via 10.0.2.253",
            $"ip -n {Director} addr add {Vip}/32 dev pub",
            $"ip netns exec {Director} sysctl -qw net.ipv4.ip_forward=1 net.ipv4.conf.all.send_redirects=0 net.ipv4.conf.lan.send_redirects=0 net.ipv4.conf.pub.send_redirects=0",
            $"ip netns exec {Router} sysctl -qw net.ipv4.ip_forward=1 net.ipv4.conf.all.rp_filter=0 net.ipv4.conf.lan.rp_filter=0 net.ipv4.conf.pub.rp_filter=0",
            $"ip -n {Router} route add {Vip}/32 via 10.0.2.1",
        };
        for (var i = 1; i <= ServerCount; i++)
        {
            lines.Add(Leg(Server(i), "eth0", $"l{i}", "lanbr", $"10.0.1.{i}/24"));
            lines.Add($"ip -n {Server(i)} route add default via 10.0.1.254");
        }

        return string.Join('\n', lines);
    }

    private string Leg(string ns, string device, string port, string bridge, string address) => $"""
        ip -n {Switch} link add {port} type veth peer name {device} netns {ns}
        ip -n {Switch} link set {port} master {bridge} up
        ip -n {ns} addr add {address} dev {device}
        ip -n {ns} link set {device} up
        """;

    private void StartServers()
    {
        for (var i = 1; i <= ServerCount; i++)
        {
            var dir = Path.Combine(_root, $"rs{i}");
            Directory.CreateDirectory(dir);
            File.WriteAllText(Path.Combine(dir, "index.html"), $"rs{i}\n");
            _servers.Add(Shell.Start($"exec ip netns exec {Server(i)} /usr/bin/python3 -m http.server 80 --bind 0.0.0.0 --directory {dir} >/dev/null 2>&1"));
        }

        var deadline = DateTime.UtcNow.AddSeconds(15);
        for (var i = 1; i <= ServerCount; i++)
        {
            while (Shell.Run($"ip netns exec {Director} curl -s -m 1 http://10.0.1.{i}/").ExitCode != 0)
            {
                if (DateTime.UtcNow > deadline) throw new TimeoutException($"rs{i} did not start");
                Thread.Sleep(100);
            }
        }
    }
}
