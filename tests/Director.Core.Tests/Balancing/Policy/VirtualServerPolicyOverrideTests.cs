using System.Net;
using Director.Core.Balancing;
using Director.Core.Balancing.Policy;
using Director.Core.Config.Model;

namespace Director.Core.Tests.Balancing.Policy;

public class VirtualServerPolicyOverrideTests
{
    private static RealServerAddress Rs(int last) => new() { Ip = IPAddress.Parse($"192.168.1.{last}"), Port = 80 };

    private static VirtualServer Vs(long quorum = 1, bool sorry = false, bool inhibit = false) => new()
    {
        Address = new IpPortAddress { Ip = IPAddress.Parse("10.0.0.1"), Port = 80 },
        LbAlgo = LbAlgo.Rr,
        Quorum = quorum,
        SorryServer = sorry ? Rs(99) : null,
        InhibitOnFailure = inhibit,
        RealServer = new[] { new RealServer { Address = Rs(20), Weight = 3 }, new RealServer { Address = Rs(21), Weight = 5 } }.ToEquatableList(),
    };

    private static Dictionary<string, int> Weights(VirtualServer vs, VirtualServerPolicyState state) =>
        VirtualServerPolicy.Services(new KeepalivedConfig { VirtualServer = new[] { vs } }, vs, state)
            .Single().Destinations.ToDictionary(d => d.Address.ToString(), d => d.Weight);

    [Fact]
    public void Drain_keeps_the_server_in_the_table_at_weight_zero()
    {
        var vs = Vs();
        var step = VirtualServerPolicy.OnOverride(vs, VirtualServerPolicy.Start(vs).State, Rs(20), 0);
        Assert.Equal(new Dictionary<string, int> { ["192.168.1.20"] = 0, ["192.168.1.21"] = 5 }, Weights(vs, step.State));
        Assert.Contains(step.Effects.OfType<PolicyLog>(), l => l.Message.Contains("drained", StringComparison.Ordinal));
    }

    [Fact]
    public void Weight_replaces_the_configured_weight_and_clear_restores_it()
    {
        var vs = Vs();
        var state = VirtualServerPolicy.OnOverride(vs, VirtualServerPolicy.Start(vs).State, Rs(21), 9).State;
        Assert.Equal(9, Weights(vs, state)["192.168.1.21"]);
        Assert.Equal(12, VirtualServerPolicy.LiveWeight(vs, state));
        state = VirtualServerPolicy.OnOverride(vs, state, Rs(21), null).State;
        Assert.Equal(5, Weights(vs, state)["192.168.1.21"]);
        Assert.Empty(state.WeightOverrides);
    }

    [Fact]
    public void Override_outranks_a_dynamic_weight_from_the_checker()
    {
        var vs = Vs();
        var state = VirtualServerPolicy.OnOverride(vs, VirtualServerPolicy.Start(vs).State, Rs(20), 0).State;
        state = VirtualServerPolicy.OnHealth(vs, state, Rs(20), new RealServerHealth(true, 7)).State;
        Assert.Equal(0, Weights(vs, state)["192.168.1.20"]);
        state = VirtualServerPolicy.OnOverride(vs, state, Rs(20), null).State;
        Assert.Equal(7, Weights(vs, state)["192.168.1.20"]);
    }

    [Fact]
    public void A_down_server_stays_out_whatever_the_override()
    {
        var vs = Vs();
        var state = VirtualServerPolicy.OnOverride(vs, VirtualServerPolicy.Start(vs).State, Rs(20), 8).State;
        state = VirtualServerPolicy.OnHealth(vs, state, Rs(20), RealServerHealth.Down).State;
        Assert.False(Weights(vs, state).ContainsKey("192.168.1.20"));

        var inhibited = Vs(inhibit: true);
        var kept = VirtualServerPolicy.OnOverride(inhibited, VirtualServerPolicy.Start(inhibited).State, Rs(20), 8).State;
        kept = VirtualServerPolicy.OnHealth(inhibited, kept, Rs(20), RealServerHealth.Down).State;
        Assert.Equal(0, Weights(inhibited, kept)["192.168.1.20"]);

        kept = VirtualServerPolicy.OnHealth(inhibited, kept, Rs(20), RealServerHealth.Up).State;
        Assert.Equal(8, Weights(inhibited, kept)["192.168.1.20"]);
    }

    [Fact]
    public void Draining_every_server_loses_the_quorum_and_brings_in_the_sorry_server()
    {
        var vs = Vs(sorry: true);
        var state = VirtualServerPolicy.Start(vs).State;
        state = VirtualServerPolicy.OnOverride(vs, state, Rs(20), 0).State;
        var step = VirtualServerPolicy.OnOverride(vs, state, Rs(21), 0);
        Assert.False(step.State.QuorumUp);
        Assert.Equal(new Dictionary<string, int> { ["192.168.1.99"] = 1 }, Weights(vs, step.State));
    }

    [Fact]
    public void Unknown_address_and_same_override_change_nothing()
    {
        var vs = Vs();
        var state = VirtualServerPolicy.Start(vs).State;
        Assert.Same(state, VirtualServerPolicy.OnOverride(vs, state, Rs(50), 0).State);
        var drained = VirtualServerPolicy.OnOverride(vs, state, Rs(20), 0).State;
        var again = VirtualServerPolicy.OnOverride(vs, drained, Rs(20), 0);
        Assert.Same(drained, again.State);
        Assert.Empty(again.Effects);
        Assert.Throws<ArgumentOutOfRangeException>(() => VirtualServerPolicy.OnOverride(vs, state, Rs(20), -1));
    }
}
