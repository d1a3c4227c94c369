using System.Net;
using Akka.Actor;
using Akka.TestKit;
using Akka.TestKit.Xunit2;
using Director.Actors.Balancing;
using Director.Actors.History;

namespace Director.Actors.Tests.History;

public class OverridesActorTests() : TestKit(PersistenceTestConfig.Config)
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(10);

    private static RealServerOverrideCommand Command(string rs, RealServerOverride change, string? vs = null)
    {
        Assert.True(RealServerSelector.TryParse(rs, out var selector));
        return new RealServerOverrideCommand(vs, selector!, change);
    }

    private IActorRef Start(TestProbe lb, string name) =>
        Sys.ActorOf(OverridesActor.Props(new OverridesSettings("n1", lb.Ref.Path.ToStringWithoutAddress(), Settle, TimeProvider.System)), name);

    private void Stop(IActorRef actor)
    {
        Watch(actor);
        Sys.Stop(actor);
        ExpectTerminated(actor, Settle);
    }

    [Fact]
    public void Applied_actions_are_published_stored_and_sent_again_after_a_restart()
    {
        var lb = CreateTestProbe("lb");
        var operatorActs = CreateTestProbe();
        Sys.EventStream.Subscribe(operatorActs.Ref, typeof(OperatorActed));
        var overrides = Start(lb, "overrides");

        var drain = Command("192.168.1.20", new DrainOverride());
        overrides.Tell(drain, TestActor);
        lb.ExpectMsg(drain, Settle);
        lb.Reply(new RealServerOverrideApplied(drain, ["vs-a"]));
        ExpectMsg<RealServerOverrideApplied>(Settle);
        Assert.Equal(("drain", "192.168.1.20"), operatorActs.ExpectMsg<OperatorActed>(Settle) is var a ? (a.Action, a.RealServer) : default);

        var weight = Command("192.168.1.21:80", new WeightOverride(3), "vs-a");
        overrides.Tell(weight, TestActor);
        lb.ExpectMsg(weight, Settle);
        lb.Reply(new RealServerOverrideApplied(weight, ["vs-a"]));
        ExpectMsg<RealServerOverrideApplied>(Settle);

        Stop(overrides);
        Start(lb, "overrides-again");
        lb.ExpectMsg(drain, Settle);
        lb.ExpectMsg(weight, Settle);
    }

    [Fact]
    public async Task Rejected_actions_are_answered_and_not_stored()
    {
        var lb = CreateTestProbe("lb");
        var overrides = Start(lb, "overrides");
        var drain = Command("192.168.1.99", new DrainOverride());
        overrides.Tell(drain, TestActor);
        lb.ExpectMsg(drain, Settle);
        lb.Reply(new RealServerOverrideRejected(drain, "no virtual server has real server 192.168.1.99"));
        Assert.Equal("no virtual server has real server 192.168.1.99", ExpectMsg<RealServerOverrideRejected>(Settle).Reason);
        Assert.Empty((await overrides.Ask<OverridesSnapshot>(GetOverrides.Instance, Settle)).Entries);
    }

    [Fact]
    public void A_restarted_virtual_server_is_told_the_overrides_that_concern_it()
    {
        var lb = CreateTestProbe("lb");
        var overrides = Start(lb, "overrides");
        var drain = Command("192.168.1.20", new DrainOverride());
        overrides.Tell(drain, TestActor);
        lb.ExpectMsg(drain, Settle);
        lb.Reply(new RealServerOverrideApplied(drain, ["vs-a", "vs-b"]));
        ExpectMsg<RealServerOverrideApplied>(Settle);

        Sys.EventStream.Publish(new VirtualServerStarted("vs-b"));
        Assert.Equal(drain with { VirtualServer = "vs-b" }, lb.ExpectMsg<RealServerOverrideCommand>(Settle));
    }
}
