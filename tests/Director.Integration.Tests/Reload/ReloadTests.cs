using Director.TestSupport.Netns;

namespace Director.Integration.Tests.Reload;

/// <summary>
/// `director reload` against the running daemon: an unchanged configuration changes nothing in
/// the kernel (no address event, the nftables ruleset and its handles identical, no transition,
/// no advert gap); a changed one applies only the difference (VIPs of a running instance in place:
/// no transition, no advert gap, no event for a VIP that stays); a broken one changes nothing and
/// reports its error with file:line.
/// </summary>
[Collection(NetnsCollection.Name)]
public sealed class ReloadTests
{
    private static readonly (string, int, string[])[] TwoInstances =
    [
        ("VI_1", 51, ["10.9.0.100"]),
        ("VI_2", 52, ["10.9.0.101"]),
    ];

    private const double AdvertGapLimit = 1.6; // advert_int 1 plus scheduling slack

    [Fact]
    public void Reload_with_the_same_configuration_changes_nothing()
    {
        using var lab = new ReloadLab();
        var (config, rulesBefore, transitions, since) = StartTwoInstancesAndWatch(lab);

        File.WriteAllText(lab.ConfigFile, config);
        var reload = lab.Reload();
        Thread.Sleep(3000);

        Assert.True(reload.ExitCode == 0, $"{reload.Stdout}{reload.Stderr}\n{lab.Log}");
        Assert.Contains("no changes", reload.Stdout);
        Assert.Equal("", lab.AddressEvents.Trim());
        Assert.Equal(rulesBefore, lab.Ruleset());
        Assert.Equal(transitions, Transitions(lab, "VI_1", "VI_2"));
        Assert.True(lab.LongestAdvertGap(51, since) < AdvertGapLimit, "VI_1's adverts had a gap");
        Assert.True(lab.LongestAdvertGap(52, since) < AdvertGapLimit, "VI_2's adverts had a gap");
        Assert.Contains("reload: done", lab.Log);

        // SIGHUP (systemd's ExecReload) takes the same path.
        lab.Director.Signal(1);
        Assert.True(Poll.Until(() => lab.Log.Split("reload: done").Length > 2, TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(200)), lab.Log);
        Thread.Sleep(1000);
        Assert.False(lab.Director.HasExited);
        Assert.Equal("", lab.AddressEvents.Trim());
        Assert.Equal(rulesBefore, lab.Ruleset());
        Assert.Equal(transitions, Transitions(lab, "VI_1", "VI_2"));
    }

    [Fact]
    public void Reload_with_a_changed_configuration_applies_only_the_difference()
    {
        using var lab = new ReloadLab();
        lab.Start(ReloadLab.Config(
        [
            ("VI_1", 51, ["10.9.0.100"]),
            ("VI_2", 52, ["10.9.0.101", "10.9.0.102"]),
        ], [1, 2]));
        lab.AwaitSteady(["VI_1", "VI_2"], ["10.9.0.100", "10.9.0.101", "10.9.0.102"], [1, 2]);
        lab.StartWatching();
        var transitions = Transitions(lab, "VI_1", "VI_2");
        var since = ReloadLab.Now();

        // VI_2's VIPs change (one kept, one removed, one added): updated in place, as keepalived does.
        File.WriteAllText(lab.ConfigFile, ReloadLab.Config(
        [
            ("VI_1", 51, ["10.9.0.100"]),
            ("VI_2", 52, ["10.9.0.101", "10.9.0.110"]),
            ("VI_3", 53, ["10.9.0.103"]),
        ], [1, 2, 3]));
        var reload = lab.Reload();

        Assert.True(reload.ExitCode == 0, $"{reload.Stdout}{reload.Stderr}\n{lab.Log}");
        Assert.Contains("vrrp_instance VI_2: VIPs +10.9.0.110 -10.9.0.102 (in place)", reload.Stdout);
        Assert.Contains("vrrp_instance VI_3 added", reload.Stdout);
        Assert.Contains("virtual_server vs-10.9.0.100:80 changed (real servers added: 10.9.1.3:8080); 2 real servers unchanged", reload.Stdout);
        Assert.DoesNotContain("VI_1", reload.Stdout);
        lab.AwaitSteady(["VI_1", "VI_2", "VI_3"], ["10.9.0.100", "10.9.0.101", "10.9.0.110", "10.9.0.103"], [1, 2, 3]);
        Assert.True(Poll.Until(() => Deleted(lab.AddressEvents).Count > 0, TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(200)), lab.AddressEvents);

        Assert.Equal(transitions, Transitions(lab, "VI_1", "VI_2"));
        Assert.True(lab.LongestAdvertGap(51, since) < AdvertGapLimit, "VI_1's adverts had a gap");
        Assert.True(lab.LongestAdvertGap(52, since) < AdvertGapLimit, "VI_2's adverts had a gap");
        var events = lab.AddressEvents;
        Assert.DoesNotContain("10.9.0.100/", events);
        Assert.DoesNotContain("10.9.0.101/", events);
        Assert.Contains("10.9.0.103/24", events);
        Assert.Contains(Added(events), l => l.Contains("10.9.0.110/24", StringComparison.Ordinal));
        Assert.Contains("10.9.0.102/24", Assert.Single(Deleted(events)));
        Assert.DoesNotContain(" 10.9.0.102/24", lab.Namespace.Exec("ip", "-4", "-o", "addr", "show").Stdout);

        // Removing an instance releases its VIPs (as at stop); the others are not touched.
        var others = Transitions(lab, "VI_1", "VI_2");
        var seen = lab.AddressEvents.Length;
        File.WriteAllText(lab.ConfigFile, ReloadLab.Config(
        [
            ("VI_1", 51, ["10.9.0.100"]),
            ("VI_2", 52, ["10.9.0.101", "10.9.0.110"]),
        ], [1, 2, 3]));
        var removal = lab.Reload();
        Assert.True(removal.ExitCode == 0, $"{removal.Stdout}{removal.Stderr}\n{lab.Log}");
        Assert.Contains("vrrp_instance VI_3 removed", removal.Stdout);
        Assert.Contains("1 changes", removal.Stdout);
        Assert.True(Poll.Until(() => lab.AddressEvents[seen..].Contains("Deleted", StringComparison.Ordinal), TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(200)), lab.AddressEvents);
        Thread.Sleep(2000);
        var deleted = Deleted(lab.AddressEvents[seen..]);
        Assert.Single(deleted);
        Assert.Contains("10.9.0.103/24", deleted[0]);
        Assert.DoesNotContain("10.9.0.103/24", lab.Namespace.Exec("ip", "-4", "-o", "addr", "show").Stdout);
        Assert.Equal(others, Transitions(lab, "VI_1", "VI_2"));
        Assert.True(lab.LongestAdvertGap(51, since) < AdvertGapLimit, "VI_1's adverts had a gap");

        // At stop, what the reload added leaves the kernel with the rest.
        lab.Director.Signal(15);
        Assert.True(lab.Director.WaitForExit(TimeSpan.FromSeconds(20)), lab.Log);
        Assert.DoesNotContain("10.9.1.", lab.Ruleset());
    }

    [Fact]
    public void Reload_adding_the_first_virtual_server_starts_load_balancing()
    {
        using var lab = new ReloadLab();
        var withLb = ReloadLab.Config(TwoInstances, [1, 2]);
        lab.Start(withLb[..withLb.IndexOf("virtual_server", StringComparison.Ordinal)]);
        lab.AwaitSteady(["VI_1", "VI_2"], ["10.9.0.100", "10.9.0.101"], []);
        Assert.Null(lab.Metric("director_data_plane_info", ("backend", "nftables")));
        var transitions = Transitions(lab, "VI_1", "VI_2");

        File.WriteAllText(lab.ConfigFile, withLb);
        var reload = lab.Reload();

        Assert.True(reload.ExitCode == 0, $"{reload.Stdout}{reload.Stderr}\n{lab.Log}");
        Assert.Contains("load balancing started: 1 virtual_server added (backend nftables)", reload.Stdout);
        lab.AwaitSteady(["VI_1", "VI_2"], ["10.9.0.100", "10.9.0.101"], [1, 2]);
        Assert.Equal(1, lab.Metric("director_data_plane_info", ("backend", "nftables")));
        Assert.Equal(1, lab.Metric("director_real_server_up", ("virtual_server", "vs-10.9.0.100:80"), ("real_server", "10.9.1.1:8080")));
        Assert.Equal(transitions, Transitions(lab, "VI_1", "VI_2"));

        // At stop, the virtual servers the reload started leave the kernel.
        lab.Director.Signal(15);
        Assert.True(lab.Director.WaitForExit(TimeSpan.FromSeconds(20)), lab.Log);
        Assert.DoesNotContain("10.9.1.", lab.Ruleset());
    }

    [Fact]
    public void Reload_with_a_broken_configuration_changes_nothing_and_reports_file_and_line()
    {
        using var lab = new ReloadLab();
        var (config, rulesBefore, transitions, since) = StartTwoInstancesAndWatch(lab);

        // Line 7 of the file: VI_1's virtual_router_id, out of range; VI_3 and a real server added too.
        var broken = ReloadLab.Config([.. TwoInstances, ("VI_3", 53, ["10.9.0.103"])], [1, 2, 3]).Replace("virtual_router_id 51", "virtual_router_id 300");
        Assert.Contains("virtual_router_id 300", broken.Split('\n')[6]);
        File.WriteAllText(lab.ConfigFile, broken);
        var reload = lab.Reload();
        Thread.Sleep(3000);

        Assert.True(reload.ExitCode == 5, $"exit {reload.ExitCode}: {reload.Stdout}{reload.Stderr}");
        Assert.Contains($"{lab.ConfigFile}:7:", reload.Stderr);
        Assert.Contains($"{lab.ConfigFile}:7:", lab.Log);
        Assert.Equal("", lab.AddressEvents.Trim());
        Assert.Equal(rulesBefore, lab.Ruleset());
        Assert.Equal(transitions, Transitions(lab, "VI_1", "VI_2"));
        Assert.True(lab.LongestAdvertGap(51, since) < AdvertGapLimit, "VI_1's adverts had a gap");
    }

    /// <summary>`ip monitor address` lines of deleted addresses.</summary>
    private static List<string> Deleted(string events) =>
        events.Split('\n').Where(l => l.StartsWith("Deleted", StringComparison.Ordinal)).ToList();

    /// <summary>`ip monitor address` lines of added addresses.</summary>
    private static List<string> Added(string events) =>
        events.Split('\n').Where(l => l.Contains(" inet", StringComparison.Ordinal) && !l.StartsWith("Deleted", StringComparison.Ordinal)).ToList();

    /// <summary>VI_1 and VI_2 MASTER with their VIPs and real servers 1 and 2; what a reload is compared with.</summary>
    private static (string Config, string RulesBefore, string Transitions, double Since) StartTwoInstancesAndWatch(ReloadLab lab)
    {
        var config = ReloadLab.Config(TwoInstances, [1, 2]);
        lab.Start(config);
        lab.AwaitSteady(["VI_1", "VI_2"], ["10.9.0.100", "10.9.0.101"], [1, 2]);
        lab.StartWatching();
        return (config, lab.Ruleset(), Transitions(lab, "VI_1", "VI_2"), ReloadLab.Now());
    }

    private static string Transitions(ReloadLab lab, params string[] instances) =>
        string.Join(",", instances.Select(i => lab.Metric("director_vrrp_transitions_total", ("instance", i))
            ?? throw new InvalidOperationException($"no director_vrrp_transitions_total sample for {i}")));
}
