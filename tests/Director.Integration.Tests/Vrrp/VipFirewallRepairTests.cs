using System.Diagnostics;
using Director.TestSupport.Netns;
using Xunit.Abstractions;

namespace Director.Integration.Tests.Vrrp;

/// <summary>
/// A no_accept MASTER's VIP drop table against the host's firewall tooling: after `nft flush
/// ruleset` in its namespace the VIP is blocked again within a second (director re-installs the
/// table on nftables' own notification), and stays unanswered.
/// </summary>
[Collection(NetnsCollection.Name)]
public sealed class VipFirewallRepairTests(ITestOutputHelper output)
{
    private const string Table = "director_vrrp";
    private static readonly TimeSpan Startup = TimeSpan.FromSeconds(12);
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(1);

    [Fact]
    public void After_nft_flush_ruleset_a_no_accept_master_blocks_its_vip_again_within_a_second()
    {
        using var segment = VrrpSegment.Create(Implementation.Director, Implementation.Director);
        var (master, client) = (segment.Nodes[0], segment.Nodes[1]);
        var vip = segment.Vip(0);
        master.WriteConfig(new NodeConfig([new("VI_1", "eth0", 64, 100, [vip], Accept: false)]));
        master.Start();
        segment.AssertSoleHolder(master, Startup, "master", vip);
        Assert.True(Poll.Until(() => Blocks(master, vip), TimeSpan.FromSeconds(4)), $"no drop rule for {vip}: '{VipDropTable.List(master)}'\n{segment.Logs()}");
        VipDropTable.AssertNoAnswer(segment, client, vip, "MASTER with no_accept");

        for (var flush = 1; flush <= 2; flush++)
        {
            master.Namespace.Exec("nft", "flush", "ruleset");
            var clock = Stopwatch.StartNew();
            var gone = VipDropTable.List(master).Length == 0;
            while (!Blocks(master, vip) && clock.Elapsed < TimeSpan.FromSeconds(3)) Thread.Sleep(10);
            var back = clock.Elapsed;
            Assert.True(Blocks(master, vip), $"flush {flush}: {vip} not blocked again within 3 s: '{VipDropTable.List(master)}'\n{segment.Logs()}");
            output.WriteLine($"flush {flush}: {vip} blocked again {back.TotalMilliseconds:0} ms after it");
            Assert.True(back <= Bound, $"flush {flush}: {vip} blocked again {back.TotalMilliseconds:0} ms after the flush (table gone right after it: {gone})\n{segment.Logs()}");
            VipDropTable.AssertNoAnswer(segment, client, vip, $"after flush {flush}");
        }

        Assert.Contains($"VIP firewall table inet {Table} restored after inet {Table}: table deleted", segment.Logs(), StringComparison.Ordinal);
    }

    private static bool Blocks(VrrpNode node, string vip)
    {
        var listed = VipDropTable.List(node);
        return listed.Contains(vip, StringComparison.Ordinal) && listed.Contains("ip daddr @vips drop", StringComparison.Ordinal);
    }


}
