using System.Net;
using Director.Actors.Native;
using Director.Actors.Tests.Balancing;
using Director.Actors.Tests.Fakes;
using Director.Core.Balancing;
using Director.Core.Config.Model;

namespace Director.Actors.Tests.Native;

/// <summary>A native-io started without a data plane takes one later (a reload added the first virtual_server), once.</summary>
public class AttachForwardingTests : Akka.TestKit.Xunit2.TestKit
{
    private static VirtualService Service(string scheduler) => new()
    {
        Key = VirtualServiceKey.ForAddress(IPAddress.Parse("10.0.0.1"), 80, IpProtocol.Tcp),
        Scheduler = new Scheduler(scheduler),
        Destinations = Enumerable.Range(1, 2)
            .Select(i => new Destination { Address = IPAddress.Parse($"192.168.1.{i}"), Port = 80 }).ToEquatableList(),
    };

    [Fact]
    public void Forwarding_commands_fail_until_a_backend_is_attached_then_go_to_it_and_a_second_is_refused()
    {
        var io = Sys.ActorOf(NativeIoActor.Props(new FakeKernelNetwork(), rebalanceInterval: TimeSpan.FromMilliseconds(100)));
        var wlc = Service("wlc");
        io.Tell(new UpdateForwarding([wlc.Key], [wlc]), TestActor);
        Assert.Contains("no forwarding backend", ExpectMsg<KernelWriteFailed>().Reason);

        var backend = new FakeRebalancingBackend();
        io.Tell(new AttachForwarding(backend), TestActor);
        Assert.True(ExpectMsg<ForwardingAttached>().Attached);
        io.Tell(new UpdateForwarding([wlc.Key], [wlc]), TestActor);
        ExpectMsg<KernelWriteSucceeded>();
        io.Tell(GetForwardingTable.Instance, TestActor);
        Assert.Equal([wlc.Key], ExpectMsg<ForwardingTableSnapshot>().Table.Services.Keys);
        AwaitCondition(() => backend.Rebalances >= 2, TimeSpan.FromSeconds(3));

        io.Tell(new AttachForwarding(new FakeForwardingBackend()), TestActor);
        var second = ExpectMsg<ForwardingAttached>();
        Assert.False(second.Attached);
        Assert.Contains("already has", second.Reason);
    }
}
