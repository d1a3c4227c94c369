using System.Net;
using Akka.Actor;
using Akka.TestKit.Xunit2;
using Director.Actors.Native;
using Director.Actors.Tests.Fakes;
using Director.Core.Balancing;
using Director.Core.Config.Model;

namespace Director.Actors.Tests.Balancing;

public class ForwardingTableTests : TestKit
{
    private static VirtualService Service(string vip, params string[] destinations) => new()
    {
        Key = VirtualServiceKey.ForAddress(IPAddress.Parse(vip), 80, IpProtocol.Tcp),
        Scheduler = new Scheduler("rr"),
        Destinations = destinations.Select(d => new Destination { Address = IPAddress.Parse(d), Port = 80 }).ToEquatableList(),
    };

    [Fact]
    public void Start_reads_back_prunes_unknown_services_and_changes_only_what_differs()
    {
        var kept = Service("10.0.0.1", "192.168.1.20", "192.168.1.21");
        var stale = Service("10.0.0.9", "192.168.1.20");
        var backend = new FakeForwardingBackend(new DesiredTable([kept, stale]));
        var io = Sys.ActorOf(NativeIoActor.Props(new FakeKernelNetwork(), forwarding: backend));

        io.Tell(new PruneForwarding([kept.Key]), TestActor);
        ExpectMsg<KernelWriteSucceeded>();
        Assert.Equal([new RemoveService(stale.Key)], backend.Batches.Single());

        var wanted = Service("10.0.0.1", "192.168.1.20", "192.168.1.22");
        io.Tell(new UpdateForwarding([kept.Key], [wanted]), TestActor);
        ExpectMsg<KernelWriteSucceeded>();
        Assert.Equal(
            [new RemoveDestination(kept.Key, new DestinationKey(IPAddress.Parse("192.168.1.21"), 80)), new AddDestination(kept.Key, wanted.Destinations[1])],
            backend.Batches.Last());
        Assert.Equal(1, backend.ReadBacks);

        io.Tell(new UpdateForwarding([kept.Key], [wanted]), TestActor); // nothing to do
        ExpectMsg<KernelWriteSucceeded>();
        Assert.Equal(2, backend.Batches.Count);

        io.Tell(GetForwardingTable.Instance, TestActor);
        var snapshot = ExpectMsg<ForwardingTableSnapshot>();
        Assert.Equal("fake", snapshot.Backend);
        Assert.Equal(new DesiredTable([wanted]), snapshot.Table);

        io.Tell(new UpdateForwarding([kept.Key], []), TestActor); // release at stop
        ExpectMsg<KernelWriteSucceeded>();
        Assert.Empty(backend.Table.Services);
    }

    [Fact]
    public void Without_a_backend_a_forwarding_command_fails_cleanly()
    {
        var io = Sys.ActorOf(NativeIoActor.Props(new FakeKernelNetwork()));
        io.Tell(new PruneForwarding([]), TestActor);
        Assert.Contains("no forwarding backend", ExpectMsg<KernelWriteFailed>().Reason);
    }

    [Fact]
    public void Updates_arriving_during_a_transaction_are_applied_together_in_order()
    {
        var backend = new FakeForwardingBackend();
        var io = Sys.ActorOf(NativeIoActor.Props(new FakeKernelNetwork(), forwarding: backend));
        var a = Service("10.0.0.1", "192.168.1.20");
        var b = Service("10.0.0.2", "192.168.1.20");
        var gate = new TaskCompletionSource();
        backend.Gate = gate;

        io.Tell(new UpdateForwarding([a.Key], [a]), TestActor);
        io.Tell(new UpdateForwarding([b.Key], [b]), TestActor);
        io.Tell(new UpdateForwarding([a.Key], [Service("10.0.0.1", "192.168.1.21")]), TestActor);
        io.Tell(new UpdateForwarding([a.Key], [Service("10.0.0.1", "192.168.1.22")]), TestActor);
        gate.SetResult();

        for (var i = 0; i < 4; i++) ExpectMsg<KernelWriteSucceeded>();
        Assert.Equal(2, backend.Batches.Count); // the first alone, the three others as one diff
        Assert.Equal(new DesiredTable([b, Service("10.0.0.1", "192.168.1.22")]), backend.Table);
    }
}
