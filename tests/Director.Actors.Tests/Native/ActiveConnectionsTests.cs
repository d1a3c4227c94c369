using System.Net;
using Akka.Actor;
using Director.Actors.Native;
using Director.Actors.Tests.Balancing;
using Director.Actors.Tests.Fakes;
using Director.Core.Balancing;

namespace Director.Actors.Tests.Native;

public class ActiveConnectionsTests : Akka.TestKit.Xunit2.TestKit
{
    private static readonly VirtualServiceKey Web = VirtualServiceKey.ForAddress(IPAddress.Parse("10.0.0.1"), 80, IpProtocol.Tcp);
    private static readonly VirtualServiceKey Mark = VirtualServiceKey.ForFwmark(7, IpFamily.V4, IpProtocol.Udp);
    private static readonly DestinationKey RealA = new(IPAddress.Parse("192.168.1.20"), 80);
    private static readonly DestinationKey RealB = new(IPAddress.Parse("192.168.1.21"), 80);

    private IActorRef NativeIo(IForwardingBackend? backend) =>
        Sys.ActorOf(NativeIoActor.Props(new FakeKernelNetwork(), forwarding: backend), NativeIoActor.Name);

    private ActiveConnectionsSnapshot Ask(IActorRef nativeIo)
    {
        nativeIo.Tell(GetActiveConnections.Instance);
        return ExpectMsg<ActiveConnectionsSnapshot>(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void A_backend_that_counts_connections_answers_them()
    {
        var backend = new FakeCountingBackend(
            new ActiveConnectionCount(Web, RealA, 3),
            new ActiveConnectionCount(Web, RealB, 5),
            new ActiveConnectionCount(Mark with { Protocol = IpProtocol.Tcp }, RealA, 11));

        var snapshot = Ask(NativeIo(backend));

        Assert.Equal("ipvs", snapshot.Source);
        Assert.Equal(3, snapshot.For(Web, RealA));
        Assert.Equal(5, snapshot.For(Web, RealB));
        Assert.Equal(11, snapshot.For(Mark, RealA));
        Assert.Equal(0, snapshot.For(Mark, RealB));
        Assert.Equal(1, backend.Reads);
    }

    [Fact]
    public void The_read_does_not_count_as_a_kernel_write()
    {
        var io = NativeIo(new FakeCountingBackend(new ActiveConnectionCount(Web, RealA, 3)));

        Ask(io);
        io.Tell(GetNativeIoStats.Instance);

        Assert.Equal(0, ExpectMsg<NativeIoStats>().Writes);
    }

    [Fact]
    public void The_read_is_answered_while_a_forwarding_change_is_still_being_applied()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var backend = new FakeCountingBackend(new ActiveConnectionCount(Web, RealA, 3)) { Gate = gate };
        var io = NativeIo(backend);
        var service = new VirtualService { Key = Web, Scheduler = Scheduler.Rr };
        var writer = CreateTestProbe();

        io.Tell(new UpdateForwarding([Web], [service]), writer.Ref);

        Assert.Equal(3, Ask(io).For(Web, RealA));
        writer.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        gate.SetResult();
        writer.ExpectMsg<KernelWriteSucceeded>(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void A_failed_read_answers_no_counts()
    {
        var backend = new FakeCountingBackend { ReadFailure = new InvalidOperationException("IPVS list services failed") };

        var snapshot = Ask(NativeIo(backend));

        Assert.Null(snapshot.Source);
        Assert.Equal(0, snapshot.For(Web, RealA));
        Assert.Equal(1, backend.Reads);
    }

    [Fact]
    public void A_backend_without_counts_or_no_backend_answers_none()
    {
        Assert.Equal(ActiveConnectionsSnapshot.None, Ask(NativeIo(new FakeForwardingBackend())));
    }

    [Fact]
    public void Native_io_without_a_data_plane_answers_none()
    {
        Assert.Equal(ActiveConnectionsSnapshot.None, Ask(NativeIo(null)));
    }
}
