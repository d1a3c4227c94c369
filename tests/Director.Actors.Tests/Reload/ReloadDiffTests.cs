using System.Net;
using System.Net.Sockets;
using Director.Actors.Balancing;
using Director.Actors.Vrrp;
using Director.Core.Config.Binding;
using Director.Core.Config.Model;

namespace Director.Actors.Tests.Reload;

/// <summary>The reload diffs on configurations parsed twice from text, as a reload parses them.</summary>
public sealed class ReloadDiffTests
{
    private sealed class Interfaces : IInterfaceDirectory
    {
        public bool Exists(string interfaceName) => interfaceName == "eth0";

        public IPAddress? PrimaryAddress(string interfaceName, AddressFamily family) => IPAddress.Parse("10.0.0.2");
    }

    private static KeepalivedConfig Parse(string text)
    {
        var result = KeepalivedConfigLoader.LoadText(text, "test.conf");
        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        return result.Config!;
    }

    private static string Instance(string name, int vrid, string vips, string extra = "") => $$"""
        vrrp_instance {{name}} {
            interface eth0
            virtual_router_id {{vrid}}
            priority 100
            virtual_ipaddress {
                {{vips}}
            }
            notify "/bin/true x"
            {{extra}}
        }

        """;

    private const string Script = """
        vrrp_script chk {
            script "/bin/true"
            interval 1
        }

        """;

    private static VrrpTopology Topology(string text) => VrrpTopologyBuilder.Build(Parse(text), new Interfaces());

    [Fact]
    public void The_same_text_parsed_again_is_unchanged()
    {
        var text = Script + Instance("VI_1", 51, "10.0.0.100/24", "track_script {\n chk\n}") + Instance("VI_2", 52, "10.0.0.101/24");

        var diff = VrrpTopologyDiff.Of(Topology(text), Topology(text));

        Assert.True(diff.IsEmpty, string.Join("\n", diff.Describe()));
        Assert.Equal(2, diff.Instances.Unchanged.Count);
    }

    [Fact]
    public void A_changed_vip_list_updates_only_that_instance_in_place_and_says_what_changed()
    {
        var before = Topology(Instance("VI_1", 51, "10.0.0.100/24") + Instance("VI_2", 52, "10.0.0.101/24"));
        var after = Topology(Instance("VI_1", 51, "10.0.0.100/24") + Instance("VI_2", 52, "10.0.0.101/24\n10.0.0.102/24") + Instance("VI_3", 53, "10.0.0.103/24"));

        var diff = VrrpTopologyDiff.Of(before, after);

        Assert.Equal(["VI_1"], diff.Instances.Unchanged.Select(i => i.Name));
        Assert.Equal(["VI_3"], diff.Instances.Added.Select(i => i.Name));
        Assert.Empty(diff.Instances.Changed);
        Assert.Equal("VI_2", Assert.Single(diff.InPlace).After.Name);
        Assert.Contains("vrrp_instance VI_2: VIPs +10.0.0.102 (in place)", diff.Describe());
        Assert.Contains("vrrp_instance VI_3 added", diff.Describe());
    }

    [Fact]
    public void A_changed_script_restarts_the_instances_that_track_it()
    {
        var tracking = Instance("VI_1", 51, "10.0.0.100/24", "track_script {\n chk\n}") + Instance("VI_2", 52, "10.0.0.101/24");
        var before = Topology(Script + tracking);
        var after = Topology(Script.Replace("interval 1", "interval 2") + tracking);

        var diff = VrrpTopologyDiff.Of(before, after);

        Assert.Equal(["VI_2"], diff.Instances.Unchanged.Select(i => i.Name));
        Assert.Equal("VI_1", Assert.Single(diff.Instances.Changed).After.Name);
        Assert.Contains("vrrp_script chk changed (Interval, Timeout): restarted", diff.Describe());
    }

    private static string VirtualServer(string address, int realServers, int delayLoop = 5, int weight = 1) =>
        $"virtual_server {address} 80 {{\n delay_loop {delayLoop}\n"
        + string.Concat(Enumerable.Range(1, realServers).Select(i =>
            $" real_server 10.0.1.{i} 80 {{\n weight {(i == 1 ? weight : 1)}\n TCP_CHECK {{\n connect_timeout 1\n }}\n }}\n"))
        + "}\n";

    [Fact]
    public void Virtual_servers_are_unchanged_added_removed_or_changed_by_name()
    {
        var before = Parse(VirtualServer("10.0.0.1", 2) + VirtualServer("10.0.0.2", 2) + VirtualServer("10.0.0.3", 1));
        var after = Parse(VirtualServer("10.0.0.1", 2) + VirtualServer("10.0.0.2", 3) + VirtualServer("10.0.0.4", 1));

        var diff = LbConfigDiff.VirtualServers(before, after);

        Assert.Equal(["vs-10.0.0.1:80"], diff.Unchanged.Select(v => v.Name));
        Assert.Equal(["vs-10.0.0.4:80"], diff.Added.Select(v => v.Name));
        Assert.Equal(["vs-10.0.0.3:80"], diff.Removed.Select(v => v.Name));
        Assert.Contains("virtual_server vs-10.0.0.2:80 changed (real servers added: 10.0.1.3:80); 2 real servers unchanged", LbConfigDiff.Describe(diff));
    }

    [Fact]
    public void Real_servers_keep_their_checkers_unless_their_block_or_the_checks_context_changed()
    {
        var vs = Parse(VirtualServer("10.0.0.1", 3)).VirtualServer[0];

        var weight = LbConfigDiff.RealServers(vs, Parse(VirtualServer("10.0.0.1", 3, weight: 5)).VirtualServer[0]);
        Assert.Equal(["10.0.1.1"], weight.Changed.Select(c => c.After.Address.Ip.ToString()));
        Assert.Equal(2, weight.Unchanged.Count);

        var delayLoop = LbConfigDiff.RealServers(vs, Parse(VirtualServer("10.0.0.1", 3, delayLoop: 7)).VirtualServer[0]);
        Assert.Equal(3, delayLoop.Changed.Count);

        var algorithm = LbConfigDiff.RealServers(vs, vs with { LbAlgo = LbAlgo.Rr });
        Assert.Equal(3, algorithm.Unchanged.Count);
    }
}
