using System.Diagnostics;
using System.Net;
using Director.Actors.Native;
using Director.Actors.Tests.Balancing;
using Director.Actors.Tests.Fakes;
using Director.Core.Balancing;
using Director.Core.Config.Model;

namespace Director.Actors.Tests.Native;

/// <summary>native-io re-slots connection-aware services at its interval, serialized with every other write.</summary>
public class RebalanceSchedulingTests : Akka.TestKit.Xunit2.TestKit
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    private static VirtualService Service(string vip, string scheduler, int destinations = 2) => new()
    {
        Key = VirtualServiceKey.ForAddress(IPAddress.Parse(vip), 80, IpProtocol.Tcp),
        Scheduler = new Scheduler(scheduler),
        Destinations = Enumerable.Range(1, destinations)
            .Select(i => new Destination { Address = IPAddress.Parse($"192.168.1.{i}"), Port = 80 }).ToEquatableList(),
    };

    private Akka.Actor.IActorRef NativeIo(IForwardingBackend backend, TimeSpan? interval = null) =>
        Sys.ActorOf(NativeIoActor.Props(new FakeKernelNetwork(), forwarding: backend, rebalanceInterval: interval ?? Interval));

    private NativeIoStats StatsOf(Akka.Actor.IActorRef io)
    {
        var probe = CreateTestProbe();
        io.Tell(GetNativeIoStats.Instance, probe.Ref);
        return probe.ExpectMsg<NativeIoStats>();
    }

    [Fact]
    public void Only_a_connection_aware_service_is_rebalanced_and_each_rebalance_counts_as_a_write()
    {
        var backend = new FakeRebalancingBackend();
        var io = NativeIo(backend);
        var rr = Service("10.0.0.1", "rr");
        io.Tell(new UpdateForwarding([rr.Key], [rr]), TestActor);
        ExpectMsg<KernelWriteSucceeded>();
        Thread.Sleep(Interval * 5);
        Assert.Equal(0, backend.Rebalances);

        var wlc = Service("10.0.0.2", "wlc");
        io.Tell(new UpdateForwarding([wlc.Key], [wlc]), TestActor);
        ExpectMsg<KernelWriteSucceeded>();
        AwaitCondition(() => backend.Rebalances >= 5, TimeSpan.FromSeconds(3));
        var stats = StatsOf(io);
        Assert.InRange(stats.Writes, 2 + 5, 2 + backend.Rebalances + 1);
        Assert.Equal(0, stats.Failures);

        io.Tell(new UpdateForwarding([wlc.Key], []), TestActor);
        ExpectMsg<KernelWriteSucceeded>();
        Thread.Sleep(Interval * 2); // a tick already due may still run
        var settled = backend.Rebalances;
        Thread.Sleep(Interval * 5);
        Assert.Equal(settled, backend.Rebalances);
        Assert.False(backend.Overlapped);
    }

    [Fact]
    public void A_rebalance_never_overlaps_a_slow_transaction_and_runs_right_after_it()
    {
        var lc = Service("10.0.0.1", "lc");
        var backend = new FakeRebalancingBackend(new DesiredTable([lc]));
        // 1 s: room for a loaded machine between "right after the transaction" and the interval.
        var interval = TimeSpan.FromSeconds(1);
        var io = NativeIo(backend, interval);
        io.Tell(new PruneForwarding([lc.Key]), TestActor); // loads the table: lc is installed
        ExpectMsg<KernelWriteSucceeded>();
        AwaitCondition(() => backend.Rebalances >= 1, TimeSpan.FromSeconds(3));

        var gate = new TaskCompletionSource();
        backend.Gate = gate;
        io.Tell(new UpdateForwarding([lc.Key], [Service("10.0.0.1", "lc", 3)]), TestActor);
        Thread.Sleep(interval * 2); // the tick arrives during the transaction
        var during = backend.Rebalances;
        Thread.Sleep(interval);
        Assert.Equal(during, backend.Rebalances);

        var released = Stopwatch.StartNew();
        gate.SetResult();
        ExpectMsg<KernelWriteSucceeded>();
        AwaitCondition(() => backend.Rebalances > during, TimeSpan.FromSeconds(3), TimeSpan.FromMilliseconds(5));
        Assert.True(released.Elapsed < interval / 2, $"the due rebalance ran {released.ElapsedMilliseconds} ms after the transaction");
        Assert.False(backend.Overlapped);
    }

    [Fact]
    public void A_backlog_of_writes_holds_the_rebalance_back_by_at_most_one_extra_interval()
    {
        var lc = Service("10.0.0.1", "lc");
        var backend = new FakeRebalancingBackend(new DesiredTable([lc]));
        var kernel = new FakeKernelNetwork { Delay = TimeSpan.FromMilliseconds(20) };
        var io = Sys.ActorOf(NativeIoActor.Props(kernel, forwarding: backend, rebalanceInterval: Interval));
        io.Tell(new PruneForwarding([lc.Key]), TestActor);
        ExpectMsg<KernelWriteSucceeded>();

        // 60 x 20 ms of VIP changes queued at once: the queue is never empty for 1.2 s (12 intervals)
        var start = backend.Rebalances;
        const int Writes = 60;
        for (var i = 0; i < Writes; i++) io.Tell(new AddAddress(new VipAddressSpec("eth0", IPAddress.Parse($"10.9.0.{i + 1}"), 32)), TestActor);
        for (var i = 0; i < Writes; i++) ExpectMsg<KernelWriteSucceeded>(TimeSpan.FromSeconds(5));

        var during = backend.Rebalances - start;
        Assert.True(during >= 3, $"{during} rebalances during {Writes} queued writes of 20 ms");
        Assert.Equal(1, kernel.MaxConcurrency);
        Assert.False(backend.Overlapped);
    }

    [Fact]
    public void A_backend_without_rebalancing_is_never_asked()
    {
        var backend = new FakeForwardingBackend();
        var io = NativeIo(backend);
        var wlc = Service("10.0.0.2", "wlc");
        io.Tell(new UpdateForwarding([wlc.Key], [wlc]), TestActor);
        ExpectMsg<KernelWriteSucceeded>();
        Thread.Sleep(Interval * 3);
        Assert.Equal(1, StatsOf(io).Writes);
    }
}
