using System.Globalization;
using Xunit.Abstractions;

namespace Director.Integration.Tests.Balancing;

/// <summary>
/// The real `director run` (nftables) against the host's firewall tooling: `nft flush ruleset`
/// in director's namespace (what Debian's nftables.service does at every start and reload)
/// removes director's forwarding table; director notices it from nftables' own notifications and
/// restores it, so requests through the VIP work again within a second and keep working.
/// </summary>
[Collection("netns")]
public sealed class TableRepairTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(1);

    private static string Config() => $$"""
        global_defs {
            router_id LB_REPAIR
        }
        virtual_server {{LoadBalancingLab.Vip}} 80 {
            delay_loop 1
            lb_algo rr
            lb_kind NAT
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
    public void After_nft_flush_ruleset_requests_through_the_vip_work_again_within_a_second_and_none_fails_after()
    {
        using var lab = new LoadBalancingLab();
        using var daemon = new LabDaemon(lab, Config());
        daemon.AwaitDestinations(LoadBalancingLab.ServerCount, TimeSpan.FromSeconds(20));
        Assert.DoesNotContain("FAIL", lab.Requests(8));

        for (var flush = 1; flush <= 2; flush++)
        {
            var back = FlushAndTimeFirstSuccess(lab);
            Assert.True(back is not null, $"flush {flush}: no request through the VIP succeeded within 3 s\n{daemon.Log()}");
            output.WriteLine($"flush {flush}: first request through the VIP succeeded {back!.Value.TotalMilliseconds:0} ms after it");
            Assert.True(back <= Bound, $"flush {flush}: the first request through the VIP succeeded {back!.Value.TotalMilliseconds:0} ms after the flush\n{daemon.Log()}");
            var replies = lab.Requests(20);
            Assert.DoesNotContain("FAIL", replies);
            Assert.Equal(LoadBalancingLab.ServerCount, replies.Distinct().Count());
        }

        var log = daemon.Log();
        Assert.Contains("Forwarding table (nftables) restored after ip director: table deleted", log, StringComparison.Ordinal);
        Assert.Contains("by nft (pid ", log, StringComparison.Ordinal);
        var metrics = Shell.Check($"ip netns exec {lab.Director} curl -s -m 2 http://127.0.0.1:8558/metrics");
        Assert.Contains("director_kernel_table_repairs_total{table=\"forwarding\"} 2", metrics, StringComparison.Ordinal);
    }

    /// <summary>
    /// `nft flush ruleset` in the director namespace, then requests from the client (each a new
    /// connection, 0.5 s limit, every 10 ms) until one succeeds: how long after the flush that was.
    /// </summary>
    private static TimeSpan? FlushAndTimeFirstSuccess(LoadBalancingLab lab)
    {
        var (code, output, _) = Shell.Run($$"""
            ip netns exec {{lab.Director}} nft flush ruleset || exit 2
            t0=$(date +%s%N)
            ip netns exec {{lab.Client}} sh -c 'i=0; while [ $i -lt 300 ]; do curl -s -m 0.5 -o /dev/null http://{{LoadBalancingLab.Vip}}/ && exit 0; i=$((i+1)); sleep 0.01; [ $(( $(date +%s%N) - $0 )) -gt 3000000000 ] && exit 1; done; exit 1' "$t0" || exit 1
            t1=$(date +%s%N)
            echo $((t1 - t0))
            """, TimeSpan.FromSeconds(30));
        Assert.NotEqual(2, code);
        return code == 0 ? TimeSpan.FromTicks(long.Parse(output.Trim(), CultureInfo.InvariantCulture) / 100) : null;
    }
}
