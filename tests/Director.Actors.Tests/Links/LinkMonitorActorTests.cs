using Akka.Actor;
using Director.Actors.Links;
using Director.Actors.Tests.Fakes;

namespace Director.Actors.Tests.Links;

public class LinkMonitorActorTests : Akka.TestKit.Xunit2.TestKit
{
    private readonly FakeLinkEvents _links = new(new Dictionary<string, bool> { ["eth0"] = true, ["eth1"] = false });

    [Fact]
    public void Subscribers_get_current_states_then_changes()
    {
        var monitor = Sys.ActorOf(LinkMonitorActor.Props(_links), LinkMonitorActor.Name);
        monitor.Tell(new SubscribeLinks(TestActor));
        ExpectMsgAllOf([new LinkStateChanged("eth0", true), new LinkStateChanged("eth1", false)]);

        _links.Set("eth1", true);
        ExpectMsg(new LinkStateChanged("eth1", true));
        _links.Set("eth0", false);
        ExpectMsg(new LinkStateChanged("eth0", false));
    }

    [Fact]
    public void Repeated_states_are_not_published()
    {
        var monitor = Sys.ActorOf(LinkMonitorActor.Props(_links));
        monitor.Tell(new SubscribeLinks(TestActor, ["eth0"]));
        ExpectMsg(new LinkStateChanged("eth0", true));
        _links.Set("eth0", true);
        _links.Set("eth0", true);
        ExpectNoMsg(TimeSpan.FromMilliseconds(150));
    }

    [Fact]
    public void A_filtered_subscriber_only_hears_its_interfaces()
    {
        var monitor = Sys.ActorOf(LinkMonitorActor.Props(_links));
        monitor.Tell(new SubscribeLinks(TestActor, ["eth1"]));
        ExpectMsg(new LinkStateChanged("eth1", false));
        _links.Set("eth0", false);
        _links.Set("eth1", true);
        ExpectMsg(new LinkStateChanged("eth1", true));
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void New_interfaces_are_published_and_listed()
    {
        var monitor = Sys.ActorOf(LinkMonitorActor.Props(_links));
        monitor.Tell(new SubscribeLinks(TestActor, ["vrrp.51"]));
        _links.Set("vrrp.51", true);
        ExpectMsg(new LinkStateChanged("vrrp.51", true));
        monitor.Tell(GetLinkStates.Instance);
        var states = ExpectMsg<LinkStates>().Links;
        Assert.Equal(3, states.Count);
        Assert.True(states["vrrp.51"]);
    }

    [Fact]
    public void Unsubscribed_or_stopped_subscribers_hear_nothing_and_the_source_is_released()
    {
        var monitor = Sys.ActorOf(LinkMonitorActor.Props(_links));
        var probe = CreateTestProbe();
        monitor.Tell(new SubscribeLinks(probe.Ref, ["eth0"]));
        probe.ExpectMsg(new LinkStateChanged("eth0", true));
        monitor.Tell(new UnsubscribeLinks(probe.Ref));
        _links.Set("eth0", false);
        probe.ExpectNoMsg(TimeSpan.FromMilliseconds(100));

        Assert.Equal(1, _links.Subscribers);
        Watch(monitor);
        Sys.Stop(monitor);
        ExpectTerminated(monitor);
        AwaitCondition(() => _links.Subscribers == 0);
    }
}
