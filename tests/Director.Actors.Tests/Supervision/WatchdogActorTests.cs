using Akka.Actor;
using Akka.TestKit;
using Director.Actors.Supervision;

namespace Director.Actors.Tests.Supervision;

public class WatchdogActorTests : Akka.TestKit.Xunit2.TestKit
{
    private sealed class Flaky : ReceiveActor
    {
        public Flaky(IActorRef probe)
        {
            Receive<string>(s => s == "boom", _ => throw new InvalidOperationException("boom"));
            Receive<string>(s => s == "ping", _ => Sender.Tell("pong"));
            probe.Tell($"started {Self.Path.Name}");
        }

        public static Props Props(IActorRef probe) => Akka.Actor.Props.Create(() => new Flaky(probe));
    }

    private IActorRef Watchdog(TestProbe probe, RestartPolicy? policy = null, params string[] names) =>
        Sys.ActorOf(WatchdogActor.Props(names.Select(n => new ChildSpec(n, Flaky.Props(probe.Ref))).ToArray(), policy), WatchdogActor.RootName);

    private SupervisorStatus StatusOf(ICanTell supervisor)
    {
        var probe = CreateTestProbe();
        supervisor.Tell(GetWatchdogStatus.Instance, probe.Ref);
        return probe.ExpectMsg<SupervisorStatus>();
    }

    private static ActorSelection Child(IActorRef parent, string name) => new ActorSelection(parent, name);

    [Fact]
    public void Creates_its_children_by_name_and_reports_them()
    {
        var probe = CreateTestProbe();
        var watchdog = Watchdog(probe, null, "native-io", "vrrp");
        probe.ExpectMsgAllOf(["started native-io", "started vrrp"]);

        var status = StatusOf(watchdog);
        Assert.Equal("watchdog", status.Supervisor);
        Assert.Equal([new ChildStatus("native-io", 0, true, null), new ChildStatus("vrrp", 0, true, null)], status.Children);
    }

    [Fact]
    public void Restarts_a_failed_child_counts_it_and_leaves_siblings_alone()
    {
        var probe = CreateTestProbe();
        var watchdog = Watchdog(probe, null, "a", "b");
        probe.ExpectMsgAllOf(["started a", "started b"]);

        EventFilter.Warning(contains: "Child a failed").ExpectOne(() => Child(watchdog, "a").Tell("boom"));
        probe.ExpectMsg("started a");
        probe.ExpectNoMsg(TimeSpan.FromMilliseconds(200));

        var status = StatusOf(watchdog);
        Assert.Equal(new ChildStatus("a", 1, true, "InvalidOperationException: boom"), status.Children[0]);
        Assert.Equal(new ChildStatus("b", 0, true, null), status.Children[1]);
    }

    [Fact]
    public void Stops_a_child_that_fails_too_often_without_touching_the_others()
    {
        var probe = CreateTestProbe();
        var policy = new RestartPolicy(2, TimeSpan.FromMinutes(1), RestartLimitAction.Stop);
        var watchdog = Watchdog(probe, policy, "a", "b");
        probe.ExpectMsgAllOf(["started a", "started b"]);

        for (var i = 0; i < 2; i++)
        {
            Child(watchdog, "a").Tell("boom");
            probe.ExpectMsg("started a");
        }
        EventFilter.Error(contains: "failed 3 times").ExpectOne(() => Child(watchdog, "a").Tell("boom"));
        probe.ExpectNoMsg(TimeSpan.FromMilliseconds(200));

        AwaitAssert(() =>
        {
            var status = StatusOf(watchdog);
            Assert.Equal(new ChildStatus("a", 2, false, "InvalidOperationException: boom"), status.Children[0]);
            Assert.True(status.Children[1].Running);
        });
        Child(watchdog, "b").Tell("ping", TestActor);
        ExpectMsg("pong");
    }

    [Fact]
    public void Failures_outside_the_window_do_not_count()
    {
        var now = DateTimeOffset.UnixEpoch;
        var probe = CreateTestProbe();
        var policy = new RestartPolicy(1, TimeSpan.FromSeconds(10), RestartLimitAction.Stop);
        var watchdog = Sys.ActorOf(WatchdogActor.Props([new ChildSpec("a", Flaky.Props(probe.Ref))], policy, () => now));
        probe.ExpectMsg("started a");

        for (var i = 0; i < 3; i++)
        {
            now += TimeSpan.FromSeconds(11);
            Child(watchdog, "a").Tell("boom");
            probe.ExpectMsg("started a");
        }
        var status = StatusOf(watchdog);
        Assert.Equal(3, status.Children[0].Restarts);
        Assert.True(status.Children[0].Running);
    }

    [Fact]
    public void A_middle_supervisor_escalates_and_the_watchdog_restarts_the_subsystem()
    {
        var probe = CreateTestProbe();
        var middlePolicy = new RestartPolicy(1, TimeSpan.FromMinutes(1), RestartLimitAction.Escalate);
        var vrrp = SupervisorOf.Child("vrrp", [new ChildSpec("vrrp-VI_1", Flaky.Props(probe.Ref))], middlePolicy);
        var watchdog = Sys.ActorOf(WatchdogActor.Props([vrrp, new ChildSpec("native-io", Flaky.Props(probe.Ref))]), "watchdog");
        probe.ExpectMsgAllOf(["started vrrp-VI_1", "started native-io"]);

        var instance = new ActorSelection(watchdog, "vrrp/vrrp-VI_1");
        instance.Tell("boom");
        probe.ExpectMsg("started vrrp-VI_1");
        instance.Tell("boom"); // second failure within the window: vrrp escalates, watchdog restarts vrrp
        probe.ExpectMsg("started vrrp-VI_1");
        probe.ExpectNoMsg(TimeSpan.FromMilliseconds(200));

        var status = StatusOf(watchdog);
        Assert.Equal(new ChildStatus("vrrp", 1, true, "InvalidOperationException: boom"), status.Children[0]);
        Assert.Equal(0, status.Children[1].Restarts);

        instance.Tell("ping", TestActor);
        ExpectMsg("pong");
        var inner = StatusOf(new ActorSelection(watchdog, "vrrp"));
        Assert.Equal([new ChildStatus("vrrp-VI_1", 0, true, null)], inner.Children);
    }

    [Fact]
    public void Starts_and_finds_children_on_request()
    {
        var probe = CreateTestProbe();
        var watchdog = Watchdog(probe, null);
        watchdog.Tell(new StartChild(new ChildSpec("link-monitor", Flaky.Props(probe.Ref))));
        var started = ExpectMsg<ChildStarted>();
        probe.ExpectMsg("started link-monitor");
        Assert.Equal("link-monitor", started.Ref.Path.Name);

        watchdog.Tell(new StartChild(new ChildSpec("link-monitor", Flaky.Props(probe.Ref))));
        Assert.Equal(started.Ref, ExpectMsg<ChildStarted>().Ref);
        probe.ExpectNoMsg(TimeSpan.FromMilliseconds(100));

        watchdog.Tell(new GetChild("link-monitor"));
        Assert.Equal(started.Ref, ExpectMsg<ChildStarted>().Ref);
        watchdog.Tell(new GetChild("nope"));
        ExpectMsg(new ChildNotFound("nope"));
    }
}
