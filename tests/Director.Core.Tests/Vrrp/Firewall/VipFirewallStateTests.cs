using System.Net;
using Director.Core.Vrrp.Firewall;

namespace Director.Core.Tests.Vrrp.Firewall;

public sealed class VipFirewallStateTests
{
    private static BlockedVip Vip(string address, string iface = "eth0") => new(IPAddress.Parse(address), iface);

    [Fact]
    public void The_union_keeps_a_vip_blocked_while_any_instance_blocks_it()
    {
        var state = VipFirewallState.Empty
            .Block("A", [Vip("10.0.0.2"), Vip("10.0.0.1")])
            .Block("B", [Vip("10.0.0.1"), Vip("fd00::1")]);

        Assert.Equal([Vip("10.0.0.1"), Vip("10.0.0.2"), Vip("fd00::1")], state.All);
        Assert.Equal([Vip("10.0.0.1"), Vip("fd00::1")], state.Unblock("A").All);
        Assert.True(state.Unblock("A").Unblock("B").IsEmpty);
    }

    [Fact]
    public void Blocking_again_replaces_what_the_instance_blocked()
    {
        var state = VipFirewallState.Empty.Block("A", [Vip("10.0.0.1")]).Block("A", [Vip("10.0.0.3")]);

        Assert.Equal([Vip("10.0.0.3")], state.All);
        Assert.True(state.Block("A", []).IsEmpty);
    }

    [Fact]
    public void Unblocking_an_instance_that_blocked_nothing_changes_nothing()
    {
        var state = VipFirewallState.Empty.Block("A", [Vip("10.0.0.1")]);

        Assert.Equal(state.All, state.Unblock("B").All);
    }
}
