using Director.TestSupport.Netns;

namespace Director.Integration.Tests.Vrrp;

/// <summary>nopreempt, sync groups, vrrp_script, track_interface and auth mismatch, for every pairing (v3 at 0.1 s unless the point is v2).</summary>
[Collection(NetnsCollection.Name)]
public sealed class BehaviourTests
{
    private static readonly TimeSpan Startup = TimeSpan.FromSeconds(12);
    private static readonly TimeSpan Change = TimeSpan.FromSeconds(4);

    [Theory]
    [MemberData(nameof(Pairs.All), MemberType = typeof(Pairs))]
    public void Nopreempt_keeps_the_running_master(Implementation high, Implementation low)
    {
        using var segment = VrrpSegment.Create(high, low);
        var (h, l) = (segment.Nodes[0], segment.Nodes[1]);
        var vip = segment.Vip(0);
        h.WriteConfig(new NodeConfig([new("VI_1", "eth0", 52, 150, [vip], NoPreempt: true)]));
        l.WriteConfig(new NodeConfig([new("VI_1", "eth0", 52, 100, [vip], NoPreempt: true)]));

        l.Start();
        segment.AssertSoleHolder(l, Startup, "low priority alone", vip);
        h.Start();
        // Both daemons log "entering BACKUP state" (any case) once their VRRP side runs.
        Assert.True(Poll.Until(() => h.Log().Contains("entering backup state", StringComparison.OrdinalIgnoreCase), Startup),
            $"higher node never entered BACKUP\n{segment.Logs()}");
        segment.AssertStaysSoleHolder(l, TimeSpan.FromSeconds(1.5), "nopreempt: running master keeps the VIP", vip);

        l.Kill();
        segment.AssertSoleHolder(h, Change, "higher priority takes over when the master dies", vip);
    }

    [Theory]
    [MemberData(nameof(Pairs.All), MemberType = typeof(Pairs))]
    public void Sync_group_moves_both_vips_when_one_link_fails(Implementation high, Implementation low)
    {
        using var segment = VrrpSegment.Create(high, low);
        var (h, l) = (segment.Nodes[0], segment.Nodes[1]);
        var (vip0, vip1) = (segment.Vip(0), segment.Vip(1));
        NodeConfig Config(int priority) => new(
            [new("VI_0", "eth0", 60, priority, [vip0]), new("VI_1", "eth1", 61, priority, [vip1])],
            SyncGroups: new Dictionary<string, IReadOnlyList<string>> { ["G1"] = ["VI_0", "VI_1"] });
        h.WriteConfig(Config(150));
        l.WriteConfig(Config(100));

        l.Start();
        h.Start();
        segment.AssertSoleHolder(h, Startup, "election of the group", vip0, vip1);

        // eth1 down on the master: VI_1 goes FAULT and the group takes VI_0 with it.
        h.Namespace.SetDown("eth1");
        segment.AssertSoleHolder(l, Change, "both VIPs move together", vip0, vip1);
        segment.AssertStaysSoleHolder(l, TimeSpan.FromSeconds(0.5), "group stays on the backup", vip0, vip1);

        h.Namespace.SetUp("eth1");
        segment.AssertSoleHolder(h, Change, "group returns when the link is back", vip0, vip1);
    }

    [Theory]
    [MemberData(nameof(Pairs.All), MemberType = typeof(Pairs))]
    public void Failing_vrrp_script_moves_the_vip(Implementation high, Implementation low)
    {
        using var segment = VrrpSegment.Create(high, low);
        var (h, l) = (segment.Nodes[0], segment.Nodes[1]);
        var vip = segment.Vip(0);
        var flag = Path.Combine(h.Folder, "fail");
        h.WriteConfig(new NodeConfig(
            [new("VI_1", "eth0", 53, 150, [vip], TrackScripts: ["chk"])],
            Scripts: [new VrrpScriptSpec("chk", $"/usr/bin/test ! -e {flag}", Weight: -60)]));
        l.WriteConfig(new NodeConfig([new("VI_1", "eth0", 53, 100, [vip])]));

        l.Start();
        h.Start();
        segment.AssertSoleHolder(h, Startup, "election", vip);

        File.WriteAllText(flag, "");
        segment.AssertSoleHolder(l, Change, "script fails: 150 - 60 < 100", vip);
        File.Delete(flag);
        segment.AssertSoleHolder(h, Change, "script succeeds again: preempts back", vip);
    }

    [Theory]
    [MemberData(nameof(Pairs.All), MemberType = typeof(Pairs))]
    public void Tracked_interface_down_means_fault(Implementation high, Implementation low)
    {
        using var segment = VrrpSegment.Create(high, low);
        var (h, l) = (segment.Nodes[0], segment.Nodes[1]);
        var vip = segment.Vip(0);
        h.WriteConfig(new NodeConfig([new("VI_1", "eth0", 54, 150, [vip], TrackInterfaces: ["eth1"])]));
        l.WriteConfig(new NodeConfig([new("VI_1", "eth0", 54, 100, [vip], TrackInterfaces: ["eth1"])]));

        l.Start();
        h.Start();
        segment.AssertSoleHolder(h, Startup, "election", vip);

        h.Namespace.SetDown("eth1");
        segment.AssertSoleHolder(l, Change, "tracked eth1 down: master goes FAULT", vip);
        if (h.Implementation == Implementation.Director)
            Assert.Equal("FAULT", h.DumpStatus().GetProperty("instances")[0].GetProperty("state").GetString());
        segment.AssertStaysSoleHolder(l, TimeSpan.FromSeconds(0.5), "FAULT node stays out", vip);

        h.Namespace.SetUp("eth1");
        segment.AssertSoleHolder(h, Change, "link back: leaves FAULT and preempts", vip);
    }

    /// <summary>keepalived drops adverts with another password, so both nodes become MASTER (split brain by configuration).</summary>
    [Theory]
    [MemberData(nameof(Pairs.All), MemberType = typeof(Pairs))]
    public void Auth_mismatch_is_ignored_so_both_become_master(Implementation high, Implementation low)
    {
        using var segment = VrrpSegment.Create(high, low);
        var (h, l) = (segment.Nodes[0], segment.Nodes[1]);
        var vip = segment.Vip(0);
        h.WriteConfig(new NodeConfig([new("VI_1", "eth0", 55, 150, [vip], Version: 2, AdvertInterval: 1, State: "MASTER", Password: "alpha")]));
        l.WriteConfig(new NodeConfig([new("VI_1", "eth0", 55, 100, [vip], Version: 2, AdvertInterval: 1, Password: "bravo")]));

        h.Start();
        l.Start();
        Assert.True(Poll.Until(() => segment.Holders(vip).Count == 2, Startup, TimeSpan.FromMilliseconds(50)),
            $"expected both nodes MASTER with different passwords; holders [{string.Join(", ", segment.Holders(vip).Select(n => n.Name))}]\n{segment.Logs()}");
        foreach (var node in segment.Nodes.Where(n => n.Implementation == Implementation.Director))
        {
            var instance = node.DumpStatus().GetProperty("instances")[0];
            Assert.Equal("MASTER", instance.GetProperty("state").GetString());
            Assert.True(instance.GetProperty("drops").TryGetProperty("PasswordMismatch", out var drops) && drops.GetInt64() > 0,
                $"{node.Name}: no PasswordMismatch drops in {instance}");
        }
    }
}
