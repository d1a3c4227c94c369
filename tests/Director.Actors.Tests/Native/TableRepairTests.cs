using System.Net;
using Akka.Actor;
using Director.Actors.Native;
using Director.Actors.Tests.Balancing;
using Director.Actors.Tests.Fakes;
using Director.Core.Balancing;
using Director.Core.Config.Model;
using Director.Core.Vrrp.Firewall;
using Director.Native.Nftables.Events;

namespace Director.Actors.Tests.Native;

/// <summary>
/// native-io restores director's tables when another process changes them: nftables tables on
/// the kernel's notifications (gathered for the debounce, one repair), IPVS by its periodic
/// read-back; counted, and never once director is stopping.
/// </summary>
public class TableRepairTests : Akka.TestKit.Xunit2.TestKit
{
    private static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(400);
    private static readonly NftTableRef Forwarding = new("ip", "director");
    private static readonly BlockedVip Vip = new(IPAddress.Parse("10.0.0.100"), "eth0");
    private readonly FakeNftChangeEvents _events = new();

    private static VirtualService Service(string vip, int destinations = 2, int weight = 1) => new()
    {
        Key = VirtualServiceKey.ForAddress(IPAddress.Parse(vip), 80, IpProtocol.Tcp),
        Scheduler = new Scheduler("rr"),
        Destinations = Enumerable.Range(1, destinations)
            .Select(i => new Destination { Address = IPAddress.Parse($"192.168.1.{i}"), Port = 80, Weight = weight }).ToEquatableList(),
    };

    private IActorRef NativeIo(IForwardingBackend? backend = null, IVipFirewall? firewall = null, TimeSpan? checkInterval = null)
    {
        var io = Sys.ActorOf(NativeIoActor.Props(new FakeKernelNetwork(), forwarding: backend, firewall: firewall,
            repair: new TableRepairSettings { Events = _events, Debounce = Debounce, CheckInterval = checkInterval }));
        if (backend is IRestorableBackend || firewall is IVerifiableVipFirewall) AwaitCondition(() => _events.Subscriptions == 1, TimeSpan.FromSeconds(5));
        return io;
    }

    private void Install(IActorRef io, params VirtualService[] services)
    {
        io.Tell(new UpdateForwarding(services.Select(s => s.Key).ToList(), services));
        ExpectMsg<KernelWriteSucceeded>();
    }

    private NativeIoStats StatsOf(IActorRef io)
    {
        io.Tell(GetNativeIoStats.Instance, TestActor);
        return ExpectMsg<NativeIoStats>();
    }

    [Fact]
    public void A_burst_of_changes_to_the_forwarding_table_by_another_process_is_one_restore_of_the_whole_table_counted()
    {
        var backend = new FakeRestorableBackend();
        var io = NativeIo(backend);
        var a = Service("10.0.0.1");
        var b = Service("10.0.0.2");
        Install(io, a, b);
        var writes = StatsOf(io).Writes;

        // `nft flush ruleset`, then an `nft -f` loading the host's rules: three transactions.
        _events.Changed(Forwarding, "table deleted, 4 chains deleted");
        _events.Changed(new NftTableRef("ip6", "director"));
        _events.Changed(Forwarding, "rule added");

        AwaitCondition(() => !backend.Restores.IsEmpty, TimeSpan.FromSeconds(3));
        Thread.Sleep(Quiet);
        var (target, onlyIfDifferent) = Assert.Single(backend.Restores);
        Assert.Equal(new DesiredTable([a, b]), target);
        Assert.False(onlyIfDifferent);
        var stats = StatsOf(io);
        Assert.Equal(1, stats.ForwardingRepairs);
        Assert.Equal(0, stats.FirewallRepairs);
        Assert.Equal(writes + 1, stats.Writes);
    }

    [Fact]
    public void A_change_to_a_table_director_does_not_own_is_not_repaired()
    {
        var backend = new FakeRestorableBackend();
        var io = NativeIo(backend);
        Install(io, Service("10.0.0.1"));

        _events.Changed(new NftTableRef("inet", "filter"));
        _events.Changed(new NftTableRef("ip", "director2"));
        _events.Changed(new NftTableRef("inet", "director"));

        Thread.Sleep(Quiet);
        Assert.Empty(backend.Restores);
        Assert.Equal(0, StatsOf(io).ForwardingRepairs);
    }

    [Fact]
    public void Lost_notifications_make_a_compare_that_writes_only_what_differs()
    {
        var backend = new FakeRestorableBackend();
        var io = NativeIo(backend);
        Install(io, Service("10.0.0.1"));

        _events.Emit(NftTablesChanged.Lost);

        AwaitCondition(() => !backend.Restores.IsEmpty, TimeSpan.FromSeconds(3));
        Assert.True(Assert.Single(backend.Restores).OnlyIfDifferent);
        // The fake reports nothing written for a compare: not counted.
        Assert.Equal(0, StatsOf(io).ForwardingRepairs);
    }

    [Fact]
    public void Once_director_is_stopping_nothing_is_repaired_not_even_a_change_already_gathered()
    {
        var backend = new FakeRestorableBackend();
        var io = NativeIo(backend);
        Install(io, Service("10.0.0.1"));

        _events.Changed(Forwarding);
        io.Tell(StopRepairs.Instance);
        ExpectMsg<RepairsStopped>();
        _events.Changed(Forwarding);

        Thread.Sleep(Quiet);
        Assert.Empty(backend.Restores);
        Assert.Equal(0, StatsOf(io).ForwardingRepairs);
    }

    [Fact]
    public void The_vip_drop_table_changed_by_another_process_is_reinstalled_with_the_vips_blocked_now()
    {
        var firewall = new FakeVerifiableVipFirewall();
        var io = NativeIo(firewall: firewall);
        io.Tell(new BlockVips("VI_1", [Vip]));
        ExpectMsg<KernelWriteSucceeded>();
        var written = firewall.Inner.Writes.Count;

        // Touched, but the read-back shows the table as installed (an idempotent `nft add table`): nothing written.
        _events.Changed(firewall.Table, "table added");
        AwaitCondition(() => firewall.Reads == 1, TimeSpan.FromSeconds(3));
        Thread.Sleep(Quiet);
        Assert.Equal(written, firewall.Inner.Writes.Count);

        firewall.Difference = "table inet director_vrrp missing";
        _events.Changed(firewall.Table);
        AwaitCondition(() => firewall.Inner.Writes.Count == written + 1, TimeSpan.FromSeconds(3));
        Assert.Equal([Vip], firewall.Inner.Installed);
        var stats = StatsOf(io);
        Assert.Equal(1, stats.FirewallRepairs);
        Assert.Equal(0, stats.ForwardingRepairs);
    }

    [Fact]
    public void An_ipvs_table_flushed_by_an_operator_is_put_back_by_the_periodic_read_back_and_then_left_alone()
    {
        var backend = new FakeForwardingBackend { ReadsInstalled = true };
        var io = NativeIo(backend, checkInterval: TimeSpan.FromMilliseconds(100));
        var a = Service("10.0.0.1");
        var b = Service("10.0.0.2", destinations: 3);
        Install(io, a, b);
        var applies = backend.Batches.Count;

        backend.Flush(); // ipvsadm -C

        AwaitCondition(() => backend.Table.Equals(new DesiredTable([a, b])), TimeSpan.FromSeconds(3));
        Thread.Sleep(Quiet);
        Assert.Equal(applies + 1, backend.Batches.Count);
        var restored = backend.Batches.Last();
        Assert.Equal(2, restored.OfType<AddService>().Count());
        Assert.Equal(5, restored.OfType<AddDestination>().Count());
        Assert.Equal(1, StatsOf(io).ForwardingRepairs);
    }

    [Fact]
    public void A_detail_the_read_back_cannot_show_is_written_once_not_every_interval()
    {
        // The kernel (as read back) always shows weight 2 where director wrote 1.
        var backend = new FakeForwardingBackend
        {
            ReadsInstalled = true,
            ReadBackView = t => new DesiredTable(t.Services.Values.Select(s => s with
            {
                Destinations = s.Destinations.Select(d => d with { Weight = 2 }).ToEquatableList(),
            })),
        };
        var io = NativeIo(backend, checkInterval: TimeSpan.FromMilliseconds(100));
        Install(io, Service("10.0.0.1"));
        var applies = backend.Batches.Count;

        AwaitCondition(() => backend.Batches.Count == applies + 1, TimeSpan.FromSeconds(3));
        Thread.Sleep(TimeSpan.FromMilliseconds(800));
        Assert.Equal(applies + 1, backend.Batches.Count);
        Assert.Equal(1, StatsOf(io).ForwardingRepairs);
    }
}
