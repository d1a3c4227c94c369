using System.Net;
using Director.Actors.Native;
using Director.Actors.Tests.Balancing;
using Director.Actors.Tests.Fakes;
using Director.Core.Balancing;

namespace Director.Actors.Tests.Native;

/// <summary>native-io logs the backend's tables that its read-back found in another layout.</summary>
public class OutdatedLayoutLogTests : Akka.TestKit.Xunit2.TestKit
{
    private sealed class OutdatedBackend : IForwardingBackend, ILayoutCheckingBackend
    {
        private readonly FakeForwardingBackend _inner = new();

        public string Name => "fake";

        public IReadOnlyList<OutdatedForwardingTable> Outdated { get; private set; } = [];

        public int Applies;

        public async Task ApplyAsync(IReadOnlyList<TableChange> changes, DesiredTable target, CancellationToken cancellationToken)
        {
            await _inner.ApplyAsync(changes, target, cancellationToken);
            Interlocked.Increment(ref Applies);
            Outdated = [];
        }

        public async Task<DesiredTable?> ReadBackAsync(CancellationToken cancellationToken)
        {
            Outdated = [new OutdatedForwardingTable("ip", "director", "director layout 0", "another layout")];
            return await _inner.ReadBackAsync(cancellationToken);
        }
    }

    [Fact]
    public void An_outdated_table_is_logged_once_with_its_family_and_marker()
    {
        var backend = new OutdatedBackend();
        var io = Sys.ActorOf(NativeIoActor.Props(new FakeKernelNetwork(), forwarding: backend));
        var service = new VirtualService
        {
            Key = VirtualServiceKey.ForAddress(IPAddress.Parse("10.0.0.1"), 80, IpProtocol.Tcp),
            Scheduler = Scheduler.Rr,
        };

        EventFilter.Warning(contains: "ip director read back in another layout (marker director layout 0)").ExpectOne(() =>
        {
            io.Tell(new UpdateForwarding([service.Key], [service]), TestActor);
            ExpectMsg<KernelWriteSucceeded>();
        });

        EventFilter.Warning(contains: "another layout").Expect(0, () =>
        {
            io.Tell(new UpdateForwarding([service.Key], []), TestActor);
            ExpectMsg<KernelWriteSucceeded>();
        });
        Assert.Equal(2, backend.Applies);
    }
}
