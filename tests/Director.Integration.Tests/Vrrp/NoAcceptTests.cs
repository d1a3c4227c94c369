using Director.TestSupport.Netns;

namespace Director.Integration.Tests.Vrrp;

/// <summary>
/// RFC 5798 6.4.3: a MASTER that is not the address owner accepts nothing for its VIPs unless in
/// accept mode. Two directors and a client (the third namespace, never started) on one segment:
/// with no_accept the MASTER holds the VIP but ping and TCP get no answer, and the drop table
/// follows the MASTER role (preemption, SIGTERM); with the default accept mode the VIP answers.
/// </summary>
[Collection(NetnsCollection.Name)]
public sealed class NoAcceptTests
{
    private const string Table = "director_vrrp";
    private static readonly TimeSpan Startup = TimeSpan.FromSeconds(12);
    private static readonly TimeSpan Change = TimeSpan.FromSeconds(4);
    private static readonly TimeSpan Answer = TimeSpan.FromSeconds(1);

    [Fact]
    public void A_no_accept_master_holds_the_vip_without_answering_and_the_block_moves_with_the_role()
    {
        using var segment = VrrpSegment.Create(Implementation.Director, Implementation.Director, Implementation.Director);
        var (low, high, client) = (segment.Nodes[0], segment.Nodes[1], segment.Nodes[2]);
        var vip = segment.Vip(0);
        low.WriteConfig(new NodeConfig([new("VI_1", "eth0", 61, 100, [vip], Accept: false)]));
        high.WriteConfig(new NodeConfig([new("VI_1", "eth0", 61, 150, [vip], Accept: false)]));

        low.Start();
        segment.AssertSoleHolder(low, Startup, "low priority alone", vip);
        AssertBlocks(segment, low, vip, "MASTER with no_accept");
        Assert.True(Reachability.Pings(client.Namespace, segment.Address(0, 0), Answer), $"the master's own address should answer\n{segment.Logs()}");
        VipDropTable.AssertNoAnswer(segment, client, vip, "MASTER with no_accept");

        high.Start();
        segment.AssertSoleHolder(high, Startup, "higher priority preempts", vip);
        AssertBlocks(segment, high, vip, "new MASTER");
        AssertNoTable(segment, low, "preempted old MASTER, still running");
        Assert.True(low.Running, $"{low.Name} should still run as BACKUP\n{segment.Logs()}");
        VipDropTable.AssertNoAnswer(segment, client, vip, "new MASTER with no_accept");

        high.Terminate();
        segment.AssertSoleHolder(low, Change, "backup takes over after SIGTERM", vip);
        Assert.True(high.WaitForExit(TimeSpan.FromSeconds(10)), $"{high.Name} did not exit after SIGTERM\n{segment.Logs()}");
        AssertNoTable(segment, high, "stopped director");
        AssertBlocks(segment, low, vip, "MASTER again");
        VipDropTable.AssertNoAnswer(segment, client, vip, "MASTER again");
    }

    [Fact]
    public void A_master_in_the_default_accept_mode_answers_on_its_vip()
    {
        using var segment = VrrpSegment.Create(Implementation.Director, Implementation.Director);
        var (master, client) = (segment.Nodes[0], segment.Nodes[1]);
        var vip = segment.Vip(0);
        master.WriteConfig(new NodeConfig([new("VI_1", "eth0", 62, 100, [vip])]));

        master.Start();
        segment.AssertSoleHolder(master, Startup, "master", vip);
        Assert.True(Poll.Until(() => Reachability.Pings(client.Namespace, vip, Answer), Change), $"ping to {vip} got no answer\n{segment.Logs()}");
        Assert.Equal(TcpAnswer.Refused, Reachability.Connect(client.Namespace, vip, 9, Answer));
        AssertNoTable(segment, master, "accept mode");
    }

    [Fact]
    public void An_ipv6_no_accept_master_is_still_resolvable_but_does_not_answer_on_its_vip()
    {
        using var segment = VrrpSegment.CreateIpv6(Implementation.Director, Implementation.Director);
        var (master, client) = (segment.Nodes[0], segment.Nodes[1]);
        var vip = segment.Vip6(0);
        master.WriteConfig(new NodeConfig([new("VI_6", "eth0", 63, 100, [vip], Accept: false)]));

        master.Start();
        segment.AssertSoleHolder(master, Startup, "master", vip);
        var listed = "";
        var canonical = System.Net.IPAddress.Parse(vip).ToString();
        Assert.True(Poll.Until(() => (listed = VipDropTable.List(master)).Contains(canonical, StringComparison.Ordinal), Change),
            $"no drop rule for {vip}: '{listed}'\n{segment.Logs()}");
        VipDropTable.AssertNoAnswer(segment, client, vip, "IPv6 MASTER with no_accept");
        // Neighbour discovery goes through: the client learnt the VIP's link-layer address.
        var neighbours = client.Namespace.Exec("ip", "-6", "neigh", "show", vip).Stdout;
        Assert.Contains("lladdr", neighbours, StringComparison.Ordinal);
    }

    private static void AssertBlocks(VrrpSegment segment, VrrpNode node, string vip, string step)
    {
        var listed = "";
        var ok = Poll.Until(() => (listed = VipDropTable.List(node)).Contains(vip, StringComparison.Ordinal), Change);
        Assert.True(ok, $"{step}: {node.Name} has no drop rule for {vip}; table: '{listed}'\n{segment.Logs()}");
        Assert.Contains(vip.Contains(':', StringComparison.Ordinal) ? "ip6 daddr @vips6 drop" : "ip daddr @vips drop", listed, StringComparison.Ordinal);
    }

    private static void AssertNoTable(VrrpSegment segment, VrrpNode node, string step)
    {
        var listed = "";
        var ok = Poll.Until(() => (listed = VipDropTable.List(node)).Length == 0, Change);
        Assert.True(ok, $"{step}: {node.Name} still has table {Table}: '{listed}'\n{segment.Logs()}");
    }


}
