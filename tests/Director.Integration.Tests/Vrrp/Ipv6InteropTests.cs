using System.Diagnostics;
using Director.TestSupport.Netns;
using Xunit.Abstractions;

namespace Director.Integration.Tests.Vrrp;

/// <summary>
/// VRRPv3 over IPv6 between director and keepalived 2.2.7, both mixes: adverts from the
/// link-local address to ff02::12, the version implied by the IPv6 VIP (no `version` line).
/// Election, crash failover (kill -9), preemption on return, and no complaint on either side
/// about the peer's adverts (keepalived's log, director's per-instance drop counters).
/// </summary>
[Collection(NetnsCollection.Name)]
public sealed class Ipv6InteropTests(ITestOutputHelper output)
{
    private const double Interval = 0.1;

    public static TheoryData<Implementation, Implementation> Mixed => new()
    {
        { Implementation.Director, Implementation.Keepalived },
        { Implementation.Keepalived, Implementation.Director },
    };

    [Theory]
    [MemberData(nameof(Mixed))]
    public void Election_crash_failover_and_preemption_over_ipv6(Implementation high, Implementation low)
    {
        using var segment = VrrpSegment.CreateIpv6(high, low);
        var (h, l) = (segment.Nodes[0], segment.Nodes[1]);
        var (vip, vip2) = (segment.Vip6(0), segment.Vip6(0, 1));
        // Two VIPs listed in opposite orders: each side must compare the address lists as sets.
        VrrpInstanceSpec Instance(int priority, string state, IReadOnlyList<string> vips) =>
            new("VI_6", "eth0", 61, priority, vips, Version: null, AdvertInterval: Interval, State: state, VipPrefixLength: 64);
        h.WriteConfig(new NodeConfig([Instance(150, "MASTER", [vip, vip2])]));
        l.WriteConfig(new NodeConfig([Instance(100, "BACKUP", [vip2, vip])]));
        // RFC 5798 section 6.1: Master_Down_Interval = 3 * Master_Adver_Interval + Skew_Time, Skew_Time = (256 - Priority) * Master_Adver_Interval / 256.
        var masterDown = TimeSpan.FromSeconds(3 * Interval + (256 - 100) * Interval / 256);
        var startup = TimeSpan.FromSeconds(10) + 2 * masterDown;

        l.Start();
        h.Start();
        // Only a running backup makes "only the master holds the VIP" an election (both daemons log this line, any case).
        Assert.True(Poll.Until(() => l.Log().Contains("entering backup state", StringComparison.OrdinalIgnoreCase), startup),
            $"{l.Name} never entered BACKUP\n{segment.Logs()}");
        segment.AssertSoleHolder(h, startup, "election", vip, vip2);
        segment.AssertStaysSoleHolder(h, TimeSpan.FromSeconds(1), "stable election", vip, vip2);
        AssertPeersSawValidAdverts(segment, "after the election", expectReceived: l);

        var clock = Stopwatch.StartNew();
        h.Kill();
        segment.AssertSoleHolder(l, masterDown + TimeSpan.FromSeconds(3), "backup takes over after kill -9", vip, vip2);
        output.WriteLine($"crash failover {clock.Elapsed.TotalMilliseconds:F0} ms (master down interval {masterDown.TotalMilliseconds:F0} ms)");
        var earliest = masterDown - TimeSpan.FromSeconds(Interval) - TimeSpan.FromMilliseconds(30);
        Assert.True(clock.Elapsed >= earliest, $"took over after {clock.Elapsed}, before the master down interval {masterDown} allows\n{segment.Logs()}");

        h.ForgetAddress(vip, "eth0", 64);
        h.ForgetAddress(vip2, "eth0", 64);
        h.Start();
        Assert.True(Poll.Until(() => h.Log().Contains("entering master state", StringComparison.OrdinalIgnoreCase), startup),
            $"{h.Name} never entered MASTER after its return\n{segment.Logs()}");
        segment.AssertSoleHolder(h, startup, "higher priority node preempts on return", vip, vip2);
        segment.AssertStaysSoleHolder(h, TimeSpan.FromSeconds(1), "stable after return", vip, vip2);
        AssertPeersSawValidAdverts(segment, "after preemption", expectReceived: l);
    }

    /// <summary>
    /// keepalived logs every advert it rejects (and the kernel drops a bad IPv6 checksum before it,
    /// which the election assertions catch); director counts drops by reason per instance in its
    /// status dump. <paramref name="expectReceived"/> is a backup that must have accepted adverts.
    /// </summary>
    private void AssertPeersSawValidAdverts(VrrpSegment segment, string step, VrrpNode expectReceived)
    {
        foreach (var node in segment.Nodes.Where(n => n.Running))
        {
            if (node.Implementation == Implementation.Keepalived)
            {
                var complaints = KeepalivedComplaints(node.Log());
                Assert.True(complaints.Count == 0, $"{step}: keepalived {node.Name} complained:\n{string.Join('\n', complaints)}\n{segment.Logs()}");
                continue;
            }
            var status = node.DumpStatus();
            var instance = status.GetProperty("instances")[0];
            // Receiver level, before any instance: nothing unreadable, no foreign VRID (the segment carries one instance).
            foreach (var receiver in status.GetProperty("receivers").EnumerateArray())
                Assert.True(receiver.GetProperty("unreadable").GetInt64() == 0 && receiver.GetProperty("foreignVrid").GetInt64() == 0,
                    $"{step}: {node.Name} receiver dropped packets: {receiver}");
            output.WriteLine($"{step}: {node.Name} {instance.ToString().ReplaceLineEndings(" ")}");
            var drops = instance.GetProperty("drops").EnumerateObject().Where(d => d.Value.GetInt64() > 0).Select(d => $"{d.Name}={d.Value}").ToList();
            Assert.True(drops.Count == 0, $"{step}: {node.Name} dropped adverts: {string.Join(", ", drops)}\n{segment.Logs()}");
            if (node == expectReceived)
                Assert.True(instance.GetProperty("advertsReceived").GetInt64() > 0, $"{step}: {node.Name} accepted no advert: {instance}");
            if (instance.GetProperty("state").GetString() == "BACKUP")
            {
                // The master as its adverts name it: the peer's link-local address, without a zone index.
                var master = segment.Nodes.Single(n => n != node && n.Running).LinkLocal("eth0");
                Assert.Equal(master?.ToString(), instance.GetProperty("masterAddress").GetString());
            }
        }
    }

    private static List<string> KeepalivedComplaints(string log) =>
        log.Split('\n').Where(line => new[] { "bad", "invalid", "checksum", "unexpected", "mismatch" }
            .Any(word => line.Contains(word, StringComparison.OrdinalIgnoreCase))).ToList();
}
