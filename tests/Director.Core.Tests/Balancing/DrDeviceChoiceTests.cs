using System.Net;
using Director.Core.Balancing;
using Director.Core.Config.Binding;
using Director.Core.Config.Model;

namespace Director.Core.Tests.Balancing;

public sealed class DrDeviceChoiceTests
{
    private static KeepalivedConfig Config(string text)
    {
        var result = KeepalivedConfigLoader.LoadText(text, "t.conf");
        Assert.True(result.Config is not null, string.Join('\n', result.Diagnostics));
        return result.Config!;
    }

    private static string Dr(string vip, string kind = "DR", params string[] servers) => $$"""
        virtual_server {{vip}} 80 {
          lb_algo rr
          lb_kind {{kind}}
          protocol TCP
        {{string.Join("\n", servers.Select(s => $"  real_server {s} 80 {{ weight 1 }}"))}}
        }
        """;

    private const string Vrrp = """
        vrrp_instance VI_1 {
          state BACKUP
          interface eth0
          virtual_router_id 51
          priority 100
          virtual_ipaddress {
            10.0.0.1/32
            10.0.0.2/32 dev eth9
          }
        }
        """;

    // The director's kernel in these tests: the VIP 10.0.0.3 is held by pub, 10.0.2.0/24 is on
    // pub, 10.0.1.0/24 on lan, 10.0.5.0/24 on lan2; everything else only by the default route on wan.
    private static string? Holder(IPAddress a) => a.ToString() == "10.0.0.3" ? "pub" : null;

    private static string? Route(IPAddress a)
    {
        var s = a.ToString();
        return s.StartsWith("10.0.1.", StringComparison.Ordinal) ? "lan"
            : s.StartsWith("10.0.5.", StringComparison.Ordinal) ? "lan2"
            : s == "10.0.0.3" ? "lo"
            : "wan";
    }

    private static DrDeviceChoice Resolve(string text, string? ingress = null, string? egress = null)
    {
        var config = Config(text);
        return DrDeviceChoice.Resolve(config, DesiredTableBuilder.AllUp(config), ingress, egress, Holder, Route);
    }

    [Fact]
    public void Without_a_DR_service_there_is_nothing_to_choose()
    {
        var choice = Resolve(Dr("10.0.0.1", "NAT", "10.0.1.1"));
        Assert.Equal(new DrDeviceChoice(null, null, [], []), choice with { Notes = [], Warnings = [] });
        Assert.Empty(choice.Warnings);
    }

    [Fact]
    public void The_vrrp_instance_carrying_the_VIP_gives_the_ingress_and_the_route_to_the_servers_the_egress()
    {
        var choice = Resolve(Vrrp + Dr("10.0.0.1", "DR", "10.0.1.1", "10.0.1.2"));
        Assert.Equal("eth0", choice.Ingress);
        Assert.Equal("lan", choice.Egress);
        Assert.Empty(choice.Warnings);
        Assert.Contains("DR ingress eth0: vrrp_instance VI_1 carries 10.0.0.1", choice.Notes);
    }

    [Fact]
    public void A_dev_on_the_virtual_ipaddress_wins_over_the_instance_interface()
    {
        Assert.Equal("eth9", Resolve(Vrrp + Dr("10.0.0.2", "DR", "10.0.1.1")).Ingress);
    }

    [Fact]
    public void Without_vrrp_the_device_holding_the_VIP_then_the_route_to_it_give_the_ingress()
    {
        Assert.Equal("pub", Resolve(Dr("10.0.0.3", "DR", "10.0.1.1")).Ingress);
        Assert.Equal("wan", Resolve(Dr("10.0.0.7", "DR", "10.0.1.1")).Ingress);
    }

    [Fact]
    public void Overrides_from_the_configuration_win()
    {
        var choice = Resolve(Vrrp + Dr("10.0.0.1", "DR", "10.0.1.1"), ingress: "in0", egress: "out0");
        Assert.Equal(("in0", "out0"), (choice.Ingress, choice.Egress));
        Assert.Empty(choice.Warnings);
    }

    [Fact]
    public void Services_on_other_devices_than_the_chosen_pair_are_named_in_the_warnings()
    {
        var choice = Resolve(Vrrp + Dr("10.0.0.1", "DR", "10.0.1.1") + Dr("10.0.0.3", "DR", "10.0.1.2") + Dr("10.0.0.2", "DR", "10.0.5.1"));
        Assert.Equal("lan", choice.Egress);
        Assert.Contains(choice.Warnings, w => w.Contains("10.0.0.2:80", StringComparison.Ordinal) && w.Contains("lan2", StringComparison.Ordinal));
        Assert.Equal(3, choice.Warnings.Count); // two ingress devices lose (eth0, eth9 or pub) and lan2
    }
}
