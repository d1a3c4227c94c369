using Akka.Actor;
using Akka.TestKit;
using Director.Actors.Links;
using Director.Actors.Native;
using Director.Actors.Tests.Fakes;
using Director.Actors.Vrrp;
using VrrpState = Director.Core.Vrrp.VrrpState;
using static Director.Actors.Tests.Vrrp.InstanceFixtures;

namespace Director.Actors.Tests.Vrrp;

/// <summary>
/// "Became master" / "Released master" (keepalived's stats) are counted by the instance itself:
/// a transition right at start counts although no listener had subscribed yet, and the counts
/// outlive a restart of the actor.
/// </summary>
public sealed class VrrpMasterCountersTests : Akka.TestKit.Xunit2.TestKit
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private readonly RecordingVrrpSender _sender = new();
    private readonly TestProbe _kernel;

    public VrrpMasterCountersTests() => _kernel = CreateTestProbe("native-io");

    private static VrrpInstanceStatus StatusOf(IActorRef instance) =>
        instance.Ask<VrrpInstanceStatus>(GetVrrpInstanceStatus.Instance, Wait).GetAwaiter().GetResult();

    [Fact]
    public void The_first_mastership_after_start_and_its_release_are_counted()
    {
        var instance = Sys.ActorOf(VrrpInstanceActor.Props(Settings(priority: 100), _sender, _kernel, VrrpInstanceLinks.None, new RecordingScriptRunner()), "vrrp-VI_1");
        instance.Tell(new LinkStateChanged("eth0", true));
        AwaitAssert(() => Assert.Equal(VrrpState.Master, StatusOf(instance).State), Wait);
        Assert.Equal((1L, 0L), (StatusOf(instance).BecameMaster, StatusOf(instance).ReleasedMaster));

        instance.Tell(AdvertFromPeer(200));
        AwaitAssert(() => Assert.Equal(VrrpState.Backup, StatusOf(instance).State), Wait);
        Assert.Equal((1L, 1L), (StatusOf(instance).BecameMaster, StatusOf(instance).ReleasedMaster));
    }

    [Fact]
    public void The_counts_outlive_a_restart_of_the_actor()
    {
        var instance = Sys.ActorOf(VrrpInstanceActor.Props(Settings(priority: 100), _sender, _kernel, VrrpInstanceLinks.None, new RecordingScriptRunner()), "vrrp-VI_1");
        instance.Tell(new LinkStateChanged("eth0", true));
        AwaitAssert(() => Assert.Equal(VrrpState.Master, StatusOf(instance).State), Wait);
        var before = StatusOf(instance);

        _sender.FailNext = new ApplicationException("crash for the test");
        var list = _kernel.FishForMessage<ListAddresses>(_ => true, Wait);
        _kernel.Reply(new KernelAddressesListed(list.Interface, [new KernelInterfaceAddress("eth0", Vip, 32)], TimeSpan.Zero));

        AwaitAssert(() =>
        {
            var after = StatusOf(instance);
            Assert.Equal(VrrpState.Master, after.State);
            Assert.True(after.BecameMaster >= before.BecameMaster, $"became master {after.BecameMaster} after the restart, {before.BecameMaster} before");
            Assert.True(after.Transitions >= before.Transitions);
            Assert.True(after.AdvertsSent >= before.AdvertsSent);
        }, Wait);
    }
}
