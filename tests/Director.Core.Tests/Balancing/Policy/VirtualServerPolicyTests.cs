using System.Net;
using Director.Core.Balancing;
using Director.Core.Balancing.Policy;
using Director.Core.Config.Model;

namespace Director.Core.Tests.Balancing.Policy;

public class VirtualServerPolicyTests
{
    private static readonly RealServerAddress Sorry = Rs(99);

    private static RealServerAddress Rs(int last) => new() { Ip = IPAddress.Parse($"192.168.1.{last}"), Port = 80 };

    private static VirtualServer Vs(int servers = 4, long quorum = 1, long hysteresis = 0, bool sorry = false, bool inhibit = false) => new()
    {
        Address = new IpPortAddress { Ip = IPAddress.Parse("10.0.0.1"), Port = 80 },
        LbAlgo = LbAlgo.Rr,
        Quorum = quorum,
        Hysteresis = hysteresis,
        SorryServer = sorry ? Sorry : null,
        InhibitOnFailure = inhibit,
        QuorumUp = "/bin/quorum-up",
        QuorumDown = "/bin/quorum-down",
        RealServer = Enumerable.Range(0, servers)
            .Select(i => new RealServer { Address = Rs(20 + i), NotifyUp = $"/bin/up {i}", NotifyDown = $"/bin/down {i}" })
            .ToEquatableList(),
    };

    /// <summary>alpha: the real servers' checkers start failed (those without checkers are always up).</summary>
    private static VirtualServer Checked(VirtualServer vs) => vs with
    {
        Alpha = true,
        RealServer = vs.RealServer.Select(r => r with { Checkers = new HealthChecker[] { new MiscCheck { MiscPath = "/bin/false" } }.ToEquatableList() }).ToEquatableList(),
    };

    private static KeepalivedConfig Config(VirtualServer vs) => new() { VirtualServer = new[] { vs } };

    private static IReadOnlyList<Destination> Destinations(VirtualServer vs, VirtualServerPolicyState state) =>
        VirtualServerPolicy.Services(Config(vs), vs, state).Single().Destinations;

    private static VirtualServerPolicyState Down(VirtualServer vs, VirtualServerPolicyState state, params int[] lasts)
    {
        foreach (var last in lasts) state = VirtualServerPolicy.OnHealth(vs, state, Rs(last), RealServerHealth.Down).State;
        return state;
    }

    private static IEnumerable<string> Scripts(PolicyStep step) => step.Effects.OfType<RunNotifyScript>().Select(s => s.CommandLine);

    [Fact]
    public void Start_puts_every_server_in_with_quorum_up()
    {
        var vs = Vs();
        var start = VirtualServerPolicy.Start(vs);
        Assert.True(start.State.QuorumUp);
        Assert.Empty(start.Effects);
        Assert.Equal(4, Destinations(vs, start.State).Count);
    }

    [Fact]
    public void Alpha_starts_with_servers_down_and_the_sorry_server_in()
    {
        var vs = Checked(Vs(sorry: true));
        var start = VirtualServerPolicy.Start(vs);
        Assert.False(start.State.QuorumUp);
        Assert.Contains("/bin/quorum-down", Scripts(start));
        Assert.Equal([Sorry.Ip], Destinations(vs, start.State).Select(d => d.Address));
    }

    [Fact]
    public void Down_server_leaves_the_table_and_notify_down_runs()
    {
        var vs = Vs();
        var step = VirtualServerPolicy.OnHealth(vs, VirtualServerPolicy.Start(vs).State, Rs(21), RealServerHealth.Down);
        Assert.Equal(["/bin/down 1"], Scripts(step));
        Assert.DoesNotContain(Destinations(vs, step.State), d => d.Address.Equals(Rs(21).Ip));
        var back = VirtualServerPolicy.OnHealth(vs, step.State, Rs(21), RealServerHealth.Up);
        Assert.Equal(["/bin/up 1"], Scripts(back));
        Assert.Equal(4, Destinations(vs, back.State).Count);
    }

    [Fact]
    public void Same_health_again_is_no_transition()
    {
        var vs = Vs();
        var state = VirtualServerPolicy.Start(vs).State;
        var step = VirtualServerPolicy.OnHealth(vs, state, Rs(20), RealServerHealth.Up);
        Assert.Same(state, step.State);
        Assert.Empty(step.Effects);
    }

    [Fact]
    public void Inhibit_on_failure_keeps_a_down_server_at_weight_zero()
    {
        var vs = Vs(inhibit: true);
        var state = Down(vs, VirtualServerPolicy.Start(vs).State, 22);
        var d = Destinations(vs, state).Single(x => x.Address.Equals(Rs(22).Ip));
        Assert.Equal(0, d.Weight);
        Assert.Equal(4, Destinations(vs, state).Count);
    }

    [Fact]
    public void Inhibit_on_a_single_real_server()
    {
        var vs = Vs();
        vs = vs with { RealServer = vs.RealServer.Select((r, i) => i == 0 ? r with { InhibitOnFailure = true } : r).ToEquatableList() };
        var state = Down(vs, VirtualServerPolicy.Start(vs).State, 20, 21);
        Assert.Equal([(Rs(20).Ip, 0), (Rs(22).Ip, 1), (Rs(23).Ip, 1)], Destinations(vs, state).Select(d => (d.Address, d.Weight)));
    }

    [Fact]
    public void Misc_dynamic_weight_overrides_the_configured_weight()
    {
        var vs = Vs();
        var step = VirtualServerPolicy.OnHealth(vs, VirtualServerPolicy.Start(vs).State, Rs(20), new RealServerHealth(true, 7));
        Assert.Empty(Scripts(step));
        Assert.Equal(7, Destinations(vs, step.State).Single(d => d.Address.Equals(Rs(20).Ip)).Weight);
        Assert.Equal(10, VirtualServerPolicy.LiveWeight(vs, step.State));
    }

    [Fact]
    public void Quorum_is_lost_below_quorum_minus_hysteresis_and_regained_at_quorum_plus_hysteresis()
    {
        // quorum 3, hysteresis 1: lost below 2, regained at 4.
        var vs = Vs(quorum: 3, hysteresis: 1, sorry: true);
        var start = VirtualServerPolicy.Start(vs);
        Assert.True(start.State.QuorumUp);

        var state = Down(vs, start.State, 20, 21);                 // live 2: still up
        Assert.True(state.QuorumUp);
        Assert.Equal(2, Destinations(vs, state).Count);

        var lost = VirtualServerPolicy.OnHealth(vs, state, Rs(22), RealServerHealth.Down); // live 1 < 2
        Assert.False(lost.State.QuorumUp);
        Assert.Contains("/bin/quorum-down", Scripts(lost));
        Assert.Equal([Sorry.Ip], Destinations(vs, lost.State).Select(d => d.Address));

        state = VirtualServerPolicy.OnHealth(vs, lost.State, Rs(20), RealServerHealth.Up).State; // live 2
        state = VirtualServerPolicy.OnHealth(vs, state, Rs(21), RealServerHealth.Up).State;      // live 3 < 4
        Assert.False(state.QuorumUp);
        Assert.Equal([Sorry.Ip], Destinations(vs, state).Select(d => d.Address));

        var regained = VirtualServerPolicy.OnHealth(vs, state, Rs(22), RealServerHealth.Up);     // live 4
        Assert.True(regained.State.QuorumUp);
        Assert.Contains("/bin/quorum-up", Scripts(regained));
        Assert.Equal(4, Destinations(vs, regained.State).Count);
        Assert.DoesNotContain(Destinations(vs, regained.State), d => d.Address.Equals(Sorry.Ip));
    }

    [Fact]
    public void Starting_below_quorum_plus_hysteresis_means_quorum_down()
    {
        var vs = Vs(servers: 2, quorum: 2, hysteresis: 1);
        Assert.False(VirtualServerPolicy.Start(vs).State.QuorumUp);
    }

    [Fact]
    public void Without_a_sorry_server_losing_quorum_keeps_the_live_servers_and_runs_quorum_down()
    {
        var vs = Vs(quorum: 4);
        var lost = VirtualServerPolicy.OnHealth(vs, VirtualServerPolicy.Start(vs).State, Rs(20), RealServerHealth.Down);
        Assert.False(lost.State.QuorumUp);
        Assert.Equal(["/bin/down 0", "/bin/quorum-down"], Scripts(lost));
        Assert.Equal(3, Destinations(vs, lost.State).Count);
    }

    [Fact]
    public void All_down_puts_the_sorry_server_in_and_one_back_takes_it_out()
    {
        var vs = Vs(sorry: true);
        var state = Down(vs, VirtualServerPolicy.Start(vs).State, 20, 21, 22);
        Assert.True(state.QuorumUp);
        var lost = VirtualServerPolicy.OnHealth(vs, state, Rs(23), RealServerHealth.Down);
        Assert.False(lost.State.QuorumUp);
        Assert.Equal([(Sorry.Ip, 1)], Destinations(vs, lost.State).Select(d => (d.Address, d.Weight)));
        var back = VirtualServerPolicy.OnHealth(vs, lost.State, Rs(21), RealServerHealth.Up);
        Assert.True(back.State.QuorumUp);
        Assert.Equal([Rs(21).Ip], Destinations(vs, back.State).Select(d => d.Address));
    }

    [Fact]
    public void Sorry_server_inhibit_keeps_it_at_weight_zero_while_unused()
    {
        var vs = Vs(sorry: true) with { SorryServerInhibit = true };
        var state = VirtualServerPolicy.Start(vs).State;
        Assert.Equal(0, Destinations(vs, state).Single(d => d.Address.Equals(Sorry.Ip)).Weight);
        state = Down(vs, state, 20, 21, 22, 23);
        Assert.Equal([(Sorry.Ip, 1)], Destinations(vs, state).Select(d => (d.Address, d.Weight)));
    }

    [Fact]
    public void Inhibited_servers_stay_at_weight_zero_while_the_sorry_server_serves()
    {
        var vs = Vs(servers: 2, quorum: 2, sorry: true, inhibit: true);
        var state = Down(vs, VirtualServerPolicy.Start(vs).State, 20);
        Assert.False(state.QuorumUp);
        Assert.Equal([(Rs(20).Ip, 0), (Rs(21).Ip, 0), (Sorry.Ip, 1)], Destinations(vs, state).Select(d => (d.Address, d.Weight)));
    }

    [Fact]
    public void Alpha_leaves_real_servers_without_checkers_up()
    {
        // keepalived 2.2.7 (tests/corpus/ipvs/sorry-inhibit.conf, 10.70.0.7): the unchecked server stays at its weight.
        var vs = Vs(servers: 2) with { Alpha = true };
        var start = VirtualServerPolicy.Start(vs);
        Assert.True(start.State.QuorumUp);
        Assert.Equal(2, Destinations(vs, start.State).Count);
    }

    [Fact]
    public void A_NAT_sorry_server_without_port_gets_port_0_as_keepalived_installs_it()
    {
        // keepalived 2.2.7 installed "-a -t 10.70.0.8:80 -r 10.71.0.9:0 -m -w 1" (sorry-inhibit.conf).
        var vs = Checked(Vs(sorry: true)) with { SorryServer = new RealServerAddress { Ip = IPAddress.Parse("192.168.1.99") } };
        var state = VirtualServerPolicy.Start(vs).State;
        Assert.Equal(0, Destinations(vs, state).Single().Port);
    }

    [Fact]
    public void A_DR_sorry_server_takes_the_service_port_whatever_its_own()
    {
        // keepalived 2.2.7 installed "-a -t 10.70.0.9:80 -r 10.71.0.9:80 -g -w 1" for sorry_server 10.71.0.9 8080.
        var vs = Checked(Vs(sorry: true)) with { LbKind = LbKind.Dr, SorryServer = new RealServerAddress { Ip = IPAddress.Parse("192.168.1.99"), Port = 8080 } };
        var state = VirtualServerPolicy.Start(vs).State;
        Assert.Equal(80, Destinations(vs, state).Single().Port);
    }

    [Fact]
    public void A_quorum_above_the_total_weight_is_lowered_to_it_and_a_zero_total_keeps_the_sorry_server_in()
    {
        // keepalived 2.2.7 (sorry-inhibit.conf): quorum 10 over weights 2+3 is met at start (10.70.0.1);
        // a single weight-0 server makes quorum 0 and hysteresis 4294967295: only the sorry server (10.70.0.5).
        var heavy = Vs(servers: 2, quorum: 10, sorry: true);
        Assert.True(VirtualServerPolicy.Start(heavy).State.QuorumUp);
        var empty = Vs(servers: 1, sorry: true) with { RealServer = Vs(servers: 1).RealServer.Select(r => r with { Weight = 0 }).ToEquatableList() };
        var start = VirtualServerPolicy.Start(empty);
        Assert.False(start.State.QuorumUp);
        Assert.Equal([Sorry.Ip], Destinations(empty, start.State).Select(d => d.Address));
    }

    [Fact]
    public void Ha_suspend_suspends_only_while_the_vip_is_absent()
    {
        var vs = Vs() with { HaSuspend = true };
        var state = VirtualServerPolicy.Start(vs).State;
        Assert.True(VirtualServerPolicy.OnVipPresence(vs, state, present: false).Suspended);
        Assert.False(VirtualServerPolicy.OnVipPresence(vs, state, present: true).Suspended);
        Assert.False(VirtualServerPolicy.OnVipPresence(Vs(), state, present: false).Suspended);
    }

    [Fact]
    public void Unknown_real_server_is_ignored()
    {
        var vs = Vs();
        var state = VirtualServerPolicy.Start(vs).State;
        Assert.Same(state, VirtualServerPolicy.OnHealth(vs, state, Rs(200), RealServerHealth.Down).State);
    }
}
