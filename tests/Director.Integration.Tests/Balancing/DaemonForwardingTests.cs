using System.Diagnostics;

namespace Director.Integration.Tests.Balancing;

/// <summary>
/// The real `director run` on the seed's deployment: DR with the devices the daemon derives
/// itself (no setting: the VIP's device and the route to the real servers), and wlc re-slotted
/// from live connection counts by native-io with no table change.
/// </summary>
[Collection("netns")]
public sealed class DaemonForwardingTests
{
    private static string Config(string algo, string kind) => $$"""
        global_defs {
            router_id LB_TEST
        }
        virtual_server {{LoadBalancingLab.Vip}} 80 {
            delay_loop 1
            lb_algo {{algo}}
            lb_kind {{kind}}
            protocol TCP
        {{string.Join("\n", Enumerable.Range(1, LoadBalancingLab.ServerCount).Select(i => $$"""
            real_server 10.0.1.{{i}} 80 {
                TCP_CHECK {
                    connect_timeout 1
                }
            }
        """))}}
        }
        """;

    [Fact]
    public void DR_virtual_server_is_served_by_the_daemon_with_replies_not_crossing_the_director()
    {
        using var lab = new LoadBalancingLab();
        lab.UseDirectRouting();
        using var daemon = new LabDaemon(lab, Config("rr", "DR"));
        daemon.AwaitDestinations(LoadBalancingLab.ServerCount, TimeSpan.FromSeconds(20));
        // Counts, on the director's lan side, every packet addressed to the client (a reply crossing it).
        Shell.Check($$"""
            ip netns exec {{lab.Director}} nft -f - <<'EOF'
            add table netdev labcount
            add chain netdev labcount lan { type filter hook ingress device "lan" priority -500 ; }
            add rule netdev labcount lan ip daddr 10.0.2.2 counter
            EOF
            """);
        var serversTx = Enumerable.Range(1, 4).Sum(i => lab.Counter(lab.Server(i), "eth0", "tx_packets"));

        var replies = lab.Requests(40);

        var repliesSent = Enumerable.Range(1, 4).Sum(i => lab.Counter(lab.Server(i), "eth0", "tx_packets")) - serversTx;
        var crossed = Shell.Check($"ip netns exec {lab.Director} nft list chain netdev labcount lan");
        var log = daemon.Log();
        Assert.DoesNotContain("FAIL", replies);
        Assert.All(replies.GroupBy(r => r), g => Assert.Equal(10, g.Count()));
        Assert.Contains("DR ingress pub: holds 10.0.0.1", log, StringComparison.Ordinal);
        Assert.Contains("DR egress lan", log, StringComparison.Ordinal);
        Assert.True(repliesSent >= 40 * 4, $"servers sent {repliesSent}");
        Assert.Contains("counter packets 0 bytes 0", crossed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wlc_follows_live_connection_counts_without_any_table_change()
    {
        using var lab = new LoadBalancingLab();
        using var daemon = new LabDaemon(lab, Config("wlc", "NAT"));
        daemon.AwaitDestinations(LoadBalancingLab.ServerCount, TimeSpan.FromSeconds(20));
        var script = Path.Combine(daemon.Directory, "hold.py");
        await File.WriteAllTextAsync(script, $"""
            import socket, sys
            conns = [socket.create_connection(('{LoadBalancingLab.Vip}', 80)) for _ in range(40)]
            print(' '.join(str(c.getsockname()[1]) for c in conns), flush=True)
            close = set(int(p) for p in sys.stdin.readline().split())
            for c in conns:
                if c.getsockname()[1] in close: c.close()
            print('closed', flush=True)
            sys.stdin.readline()
            """);
        using var holder = Process.Start(new ProcessStartInfo("ip", ["netns", "exec", lab.Client, "/usr/bin/python3", script])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        })!;
        try
        {
            var ports = (await holder.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(10)))!.Split(' ');
            var serverOf = EstablishedThroughTheVip(lab);
            var held = ports.Where(serverOf.ContainsKey).GroupBy(p => serverOf[p]).ToDictionary(g => g.Key, g => g.ToList());
            var loaded = held.MaxBy(g => g.Value.Count).Key;
            Assert.True(held[loaded].Count >= 8, $"held connections per server: {string.Join(", ", held.Select(h => $"{h.Key}={h.Value.Count}"))}");

            // Everything but the loaded server's connections closes: only a rebalance can notice.
            await holder.StandardInput.WriteLineAsync(string.Join(' ', held.Where(h => h.Key != loaded).SelectMany(h => h.Value)));
            await holder.StandardInput.FlushAsync();
            Assert.Equal("closed", await holder.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(10)));
            await Task.Delay(TimeSpan.FromSeconds(2.5)); // the rebalance interval is 1 s

            var spread = lab.Requests(30).GroupBy(r => r).ToDictionary(g => g.Key, g => g.Count());
            var name = $"rs{loaded[^1]}";
            Assert.Equal(30, spread.Values.Sum());
            Assert.False(spread.ContainsKey("FAIL"), string.Join(", ", spread));
            Assert.False(spread.ContainsKey(name), $"{name} holds {held[loaded].Count} connections yet got new ones: {string.Join(", ", spread)}");
            Assert.Equal(3, spread.Count);
        }
        finally
        {
            if (!holder.HasExited) holder.Kill(entireProcessTree: true);
            holder.WaitForExit(2000);
        }
    }

    /// <summary>Client source port -> real server address of the ESTABLISHED flows to the VIP, from the director's conntrack.</summary>
    private static Dictionary<string, string> EstablishedThroughTheVip(LoadBalancingLab lab)
    {
        var result = new Dictionary<string, string>();
        foreach (var line in Shell.Check($"ip netns exec {lab.Director} cat /proc/net/nf_conntrack").Split('\n'))
        {
            if (!line.Contains(" ESTABLISHED ", StringComparison.Ordinal)) continue;
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var values = fields.Where(f => f.Contains('=', StringComparison.Ordinal)).Select(f => f.Split('=', 2)).ToList();
            string? Nth(string key, int n) => values.Where(v => v[0] == key).Select(v => v[1]).ElementAtOrDefault(n);
            if (Nth("dst", 0) != LoadBalancingLab.Vip || Nth("dport", 0) != "80") continue;
            result[Nth("sport", 0)!] = Nth("src", 1)!;
        }

        return result;
    }
}
