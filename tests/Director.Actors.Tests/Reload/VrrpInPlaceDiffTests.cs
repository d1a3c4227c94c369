using System.Net;
using System.Net.Sockets;
using Director.Actors.Vrrp;
using Director.Core.Config.Binding;

namespace Director.Actors.Tests.Reload;

/// <summary>
/// Which changes of an instance a reload applies in place (VIPs, excluded VIPs, virtual_routes,
/// priority) and which restart it (anything else, a change to or from priority 255, a changed
/// tracked script), on configurations parsed from text as a reload parses them.
/// </summary>
public sealed class VrrpInPlaceDiffTests
{
    private sealed class Interfaces : IInterfaceDirectory
    {
        public bool Exists(string interfaceName) => interfaceName == "eth0";

        public IPAddress? PrimaryAddress(string interfaceName, AddressFamily family) =>
            IPAddress.Parse(family == AddressFamily.InterNetworkV6 ? "fe80::2" : "10.0.0.2");
    }

    private const string Script = """
        vrrp_script chk {
            script "/bin/true"
            interval 1
        }

        """;

    private static string Instance(string vips, string extra = "", int priority = 100, int advertInt = 1) => $$"""
        vrrp_instance VI_1 {
            interface eth0
            virtual_router_id 51
            priority {{priority}}
            advert_int {{advertInt}}
            virtual_ipaddress {
                {{vips}}
            }
            {{extra}}
        }

        """;

    private static VrrpTopology Topology(string text)
    {
        var result = KeepalivedConfigLoader.LoadText(text, "test.conf");
        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        return VrrpTopologyBuilder.Build(result.Config!, new Interfaces());
    }

    private static VrrpTopologyDiff Diff(string before, string after) => VrrpTopologyDiff.Of(Topology(before), Topology(after));

    [Fact]
    public void A_vip_added_and_one_removed_is_applied_in_place()
    {
        var diff = Diff(Instance("10.0.0.101/24\n10.0.0.102/24"), Instance("10.0.0.101/24\n10.0.0.110/24"));

        var update = Assert.Single(diff.InPlace);
        Assert.Empty(diff.Instances.Changed);
        Assert.False(diff.IsEmpty);
        Assert.Equal(["10.0.0.110"], update.AddedVips.Select(v => v.Address.ToString()));
        Assert.Equal(["10.0.0.102"], update.RemovedVips.Select(v => v.Address.ToString()));
        Assert.Empty(update.AddedRoutes);
        Assert.False(update.PriorityChanged);
        Assert.Equal(["vrrp_instance VI_1: VIPs +10.0.0.110 -10.0.0.102 (in place)"], diff.Describe());
    }

    [Fact]
    public void Excluded_vips_and_virtual_routes_are_applied_in_place()
    {
        var diff = Diff(
            Instance("10.0.0.101/24"),
            Instance("10.0.0.101/24", "virtual_ipaddress_excluded {\n 10.0.0.120/24\n}\nvirtual_routes {\n 10.1.0.0/16 via 10.0.0.1\n}"));

        var update = Assert.Single(diff.InPlace);
        Assert.Equal(["10.0.0.120"], update.AddedVips.Select(v => v.Address.ToString()));
        Assert.Equal("10.1.0.0/16 via 10.0.0.1", Assert.Single(update.AddedRoutes).ToString());
        Assert.Equal(["vrrp_instance VI_1: VIPs +10.0.0.120, routes +10.1.0.0/16 via 10.0.0.1 (in place)"], diff.Describe());
    }

    [Fact]
    public void A_priority_change_is_applied_in_place_with_the_vips()
    {
        var diff = Diff(Instance("10.0.0.101/24"), Instance("10.0.0.101/24\n10.0.0.110/24", priority: 120));

        var update = Assert.Single(diff.InPlace);
        Assert.True(update.PriorityChanged);
        Assert.Equal(["vrrp_instance VI_1: VIPs +10.0.0.110, priority 100 -> 120 (in place)"], diff.Describe());
    }

    [Fact]
    public void The_same_vips_in_another_order_change_only_the_advert_in_place()
    {
        var diff = Diff(Instance("10.0.0.101/24\n10.0.0.102/24"), Instance("10.0.0.102/24\n10.0.0.101/24"));

        var update = Assert.Single(diff.InPlace);
        Assert.Empty(update.AddedVips);
        Assert.Empty(update.RemovedVips);
        Assert.Equal(["vrrp_instance VI_1: VIP order (in place)"], diff.Describe());
    }

    [Fact]
    public void A_vip_whose_prefix_changed_is_removed_and_added_and_shown_with_its_prefix()
    {
        var diff = Diff(Instance("10.0.0.101/24"), Instance("10.0.0.101/25"));

        Assert.Equal(["vrrp_instance VI_1: VIPs +10.0.0.101/25 -10.0.0.101/24 (in place)"], diff.Describe());
    }

    [Theory]
    [InlineData(100, 255)] // becoming the address owner changes how the instance starts
    [InlineData(255, 100)]
    public void A_priority_change_to_or_from_the_owner_restarts(int before, int after)
    {
        var diff = Diff(Instance("10.0.0.101/24", "state MASTER", before), Instance("10.0.0.101/24", "state MASTER", after));

        Assert.Empty(diff.InPlace);
        Assert.Single(diff.Instances.Changed);
    }

    [Fact]
    public void Vips_with_any_other_change_restart()
    {
        var diff = Diff(Instance("10.0.0.101/24"), Instance("10.0.0.110/24", advertInt: 2));

        Assert.Empty(diff.InPlace);
        Assert.Single(diff.Instances.Changed);
        Assert.Matches(@"^vrrp_instance VI_1 changed \(.*Machine\.AdvertInterval.*\): restarted$", Assert.Single(diff.Describe()));
    }

    [Fact]
    public void Vips_of_another_family_restart()
    {
        var diff = Diff(Instance("10.0.0.101/24"), Instance("fd00::101/64"));

        Assert.Empty(diff.InPlace);
        Assert.Single(diff.Instances.Changed);
    }

    [Fact]
    public void Vips_changed_with_a_tracked_script_changed_restart()
    {
        var tracking = "track_script {\n chk\n}";
        var diff = Diff(Script + Instance("10.0.0.101/24", tracking), Script.Replace("interval 1", "interval 2") + Instance("10.0.0.110/24", tracking));

        Assert.Empty(diff.InPlace);
        Assert.Single(diff.Instances.Changed);
    }

    [Fact]
    public void Notify_scripts_changed_restart()
    {
        var diff = Diff(Instance("10.0.0.101/24", "notify \"/bin/true a\""), Instance("10.0.0.110/24", "notify \"/bin/true b\""));

        Assert.Empty(diff.InPlace);
        Assert.Single(diff.Instances.Changed);
    }
}
