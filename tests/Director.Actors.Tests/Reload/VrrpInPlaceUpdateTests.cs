using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Akka.Actor;
using Akka.TestKit;
using Director.Actors.Links;
using Director.Actors.Native;
using Director.Actors.Tests.Fakes;
using Director.Actors.Tests.Vrrp;
using Director.Actors.Vrrp;
using Director.Core.Config.Model;
using Director.Core.Vrrp;
using VrrpState = Director.Core.Vrrp.VrrpState;
using static Director.Actors.Tests.Vrrp.InstanceFixtures;

namespace Director.Actors.Tests.Reload;

/// <summary>
/// <see cref="UpdateVrrpInstance"/>: the running instance keeps its state and counters. A MASTER
/// deletes the VIP no longer configured, adds the new one, leaves the unchanged one alone and, as
/// keepalived 2.2.7 on reload, announces all its VIPs when one was added and advertises the new
/// address list at once; a BACKUP only takes the new settings (and, as keepalived, checks received
/// adverts against the new list).
/// </summary>
public sealed class VrrpInPlaceUpdateTests : Akka.TestKit.Xunit2.TestKit
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private static readonly IPAddress Kept = IPAddress.Parse("10.9.0.100");
    private static readonly IPAddress Dropped = IPAddress.Parse("10.9.0.101");
    private static readonly IPAddress Added = IPAddress.Parse("10.9.0.110");

    private readonly TimedSender _sender = new();
    private readonly TestProbe _kernel;

    public VrrpInPlaceUpdateTests()
        : base("akka.test.timefactor = 3") => _kernel = CreateTestProbe("native-io");

    /// <summary>1 s adverts (slow enough for a loaded machine) and no delayed GARPs during a test.</summary>
    private static VrrpInstanceSettings WithVips(VrrpInstanceSettings settings, params IPAddress[] vips) => settings with
    {
        Vips = vips.Select(v => new VipAddressSpec("eth0", v, 24)).ToEquatableList(),
        Receive = settings.Receive with { VirtualAddresses = vips.ToEquatableList() },
    };

    private static VrrpInstanceSettings Base(byte priority, VrrpState initial = VrrpState.Backup)
    {
        var settings = Settings(priority: priority, initial: initial, intervalMs: 1000);
        return WithVips(settings with { Machine = settings.Machine with { GarpMasterDelay = TimeSpan.FromMinutes(5) } }, Kept, Dropped);
    }

    private static UpdateVrrpInstance Update(VrrpInstanceSettings before, VrrpInstanceSettings after) =>
        new(VrrpInPlaceUpdate.Of(before, after) ?? throw new InvalidOperationException("not an in-place change"));

    private IActorRef Start(VrrpInstanceSettings settings)
    {
        var instance = Sys.ActorOf(VrrpInstanceActor.Props(settings, _sender, _kernel, VrrpInstanceLinks.None, new RecordingScriptRunner()), settings.ActorName);
        instance.Tell(new LinkStateChanged("eth0", true));
        return instance;
    }

    private static VrrpInstanceStatus StatusOf(IActorRef instance) =>
        instance.Ask<VrrpInstanceStatus>(GetVrrpInstanceStatus.Instance, Wait).GetAwaiter().GetResult();

    /// <summary>The address owner is MASTER at once; its kernel commands of the takeover are drained.</summary>
    private IActorRef StartMaster(VrrpInstanceSettings settings)
    {
        var instance = Start(settings);
        AwaitAssert(() => Assert.Equal(VrrpState.Master, StatusOf(instance).State), Wait);
        _kernel.ReceiveWhile(TimeSpan.FromMilliseconds(500), m => m);
        return instance;
    }

    [Fact]
    public void A_master_deletes_one_vip_adds_the_other_announces_all_and_keeps_advertising()
    {
        var before = Base(255, VrrpState.Master);
        var after = WithVips(before, Kept, Added);
        var instance = StartMaster(before);
        var transitions = StatusOf(instance).Transitions;

        var updated = _sender.Elapsed;
        instance.Tell(Update(before, after));
        var commands = _kernel.ReceiveWhile(TimeSpan.FromSeconds(1), m => m);
        var since = _sender.Elapsed;
        AwaitAssert(() => Assert.True(_sender.SentSince(since).Count >= 2), Wait);

        Assert.Equal(Dropped, Assert.Single(commands.OfType<DeleteAddress>()).Address.Address);
        Assert.Equal(Added, Assert.Single(commands.OfType<AddAddress>()).Address.Address);
        // keepalived's clear_diff_vrrp announces every VIP once an address was added, not only the new one.
        var garps = commands.OfType<SendGratuitousArp>().ToList();
        Assert.Equal(before.Machine.GarpMasterRepeat, garps.Count(g => g.Address.Equals(Kept)));
        Assert.Equal(before.Machine.GarpMasterRepeat, garps.Count(g => g.Address.Equals(Added)));
        Assert.Equal(2 + garps.Count, commands.Count);

        var status = StatusOf(instance);
        Assert.Equal(VrrpState.Master, status.State);
        Assert.Equal(transitions, status.Transitions);
        Assert.Equal([Kept, Added], status.Vips);
        Assert.All(_sender.SentSince(since), s => Assert.Equal([Kept, Added], s.Packet.Addresses));
        // The advert timer ran on: no gap longer than the interval plus slack around the update.
        var gap = _sender.LongestGapAround(updated);
        Assert.True(gap < TimeSpan.FromSeconds(1.6), $"advert gap {gap}");
    }

    [Fact]
    public void A_master_advertises_the_new_address_list_at_once_not_an_interval_later()
    {
        var interval = TimeSpan.FromSeconds(20); // the periodic advert cannot come before first + 20 s
        var slow = Base(255, VrrpState.Master);
        var before = slow with { Machine = slow.Machine with { AdvertInterval = interval }, Receive = slow.Receive with { AdvertInterval = interval } };
        var after = WithVips(before, Kept, Added);
        var instance = StartMaster(before);
        var first = Assert.Single(_sender.SentSince(TimeSpan.Zero)).At;

        var since = _sender.Elapsed;
        instance.Tell(Update(before, after));

        AwaitAssert(() => Assert.NotEmpty(_sender.SentSince(since)), TimeSpan.FromSeconds(15));
        var reloadAdvert = _sender.SentSince(since)[0];
        Assert.Equal([Kept, Added], reloadAdvert.Packet.Addresses);
        Assert.True(reloadAdvert.At < first + interval, $"advert {reloadAdvert.At - since} after the update");
        Thread.Sleep(1000);
        Assert.Single(_sender.SentSince(since)); // one advert, then the normal cadence
        Assert.Equal(VrrpState.Master, StatusOf(instance).State);
    }

    [Fact]
    public void A_master_sends_one_burst_for_the_reload_and_no_delayed_one()
    {
        var plain = Base(255, VrrpState.Master);
        var delay = TimeSpan.FromSeconds(2);
        var before = plain with { Machine = plain.Machine with { GarpMasterDelay = delay } };
        var after = WithVips(before, Kept, Dropped, Added);
        var repeat = before.Machine.GarpMasterRepeat;
        var instance = Start(before);
        // The takeover: one burst at once and the delayed one garp_master_delay later, for 2 VIPs.
        var takeover = 0;
        _kernel.FishForMessage(m => m is SendGratuitousArp && ++takeover == 2 * 2 * repeat, TimeSpan.FromSeconds(20));
        _kernel.ReceiveWhile(TimeSpan.FromMilliseconds(300), m => m);

        instance.Tell(Update(before, after));

        var commands = _kernel.ReceiveWhile(delay * 2, m => m); // a delayed burst would come within this
        var garps = commands.OfType<SendGratuitousArp>().ToList();
        Assert.Equal(3 * repeat, garps.Count);
        Assert.Equal([Added], commands.OfType<AddAddress>().Select(a => a.Address.Address));
        Assert.Equal(VrrpState.Master, StatusOf(instance).State);
    }

    [Fact]
    public void A_master_that_only_loses_a_vip_deletes_it_and_announces_nothing()
    {
        var before = Base(255, VrrpState.Master);
        var after = WithVips(before, Kept);
        var instance = StartMaster(before);

        var since = _sender.Elapsed;
        instance.Tell(Update(before, after));
        var commands = _kernel.ReceiveWhile(TimeSpan.FromSeconds(1), m => m);

        Assert.Equal(Dropped, Assert.IsType<DeleteAddress>(Assert.Single(commands)).Address.Address);
        AwaitAssert(() => Assert.NotEmpty(_sender.SentSince(since)), Wait);
        Assert.All(_sender.SentSince(since), s => Assert.Equal([Kept], s.Packet.Addresses));
        Assert.Equal([Kept], StatusOf(instance).Vips);
    }

    [Fact]
    public void A_backup_only_takes_the_new_settings_and_checks_adverts_against_the_new_list()
    {
        var before = Base(100);
        var after = WithVips(before, Kept, Added);
        var instance = Start(before);
        _kernel.ExpectMsg<DeleteAddress>(Wait); // the start removes leftover VIPs, as keepalived
        _kernel.ReceiveWhile(TimeSpan.FromMilliseconds(300), m => m);
        instance.Tell(Advert(200, Kept, Dropped));
        AwaitAssert(() => Assert.Equal(1, StatusOf(instance).AdvertsReceived), Wait);

        instance.Tell(Update(before, after));

        _kernel.ExpectNoMsg(TimeSpan.FromMilliseconds(500));
        var status = StatusOf(instance);
        Assert.Equal(VrrpState.Backup, status.State);
        Assert.Equal([Kept, Added], status.Vips);
        Assert.Equal(1, status.Transitions);

        // keepalived 2.2.7 (vrrp_check_packet) ignores an advert whose VIPs differ from its own list.
        instance.Tell(Advert(200, Kept, Dropped));
        instance.Tell(Advert(200, Kept));
        instance.Tell(Advert(200, Kept, Added));
        status = StatusOf(instance);
        Assert.Equal(1, status.Drops[VrrpDropReason.AddressListMismatch]);
        Assert.Equal(1, status.Drops[VrrpDropReason.AddressCountMismatch]);
        Assert.Equal(2, status.AdvertsReceived);
        Assert.Empty(_sender.SentSince(TimeSpan.Zero));
    }

    [Fact]
    public void A_master_takes_a_new_priority_without_a_transition_or_kernel_command()
    {
        var fast = Settings(priority: 100); // 100 ms adverts: MASTER soon with no peer
        var before = fast with { Machine = fast.Machine with { GarpMasterDelay = TimeSpan.FromMinutes(5) } };
        var after = before with { Machine = before.Machine with { BasePriority = 120 } };
        var instance = StartMaster(before);
        var transitions = StatusOf(instance).Transitions;

        instance.Tell(Update(before, after));

        AwaitAssert(() => Assert.Equal(120, _sender.SentSince(TimeSpan.Zero).Last().Packet.Priority), Wait);
        _kernel.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
        var status = StatusOf(instance);
        Assert.Equal(VrrpState.Master, status.State);
        Assert.Equal(transitions, status.Transitions);
        Assert.Equal(120, status.BasePriority);
        Assert.Equal(120, status.EffectivePriority);
    }

    [Fact]
    public void A_restart_after_the_update_starts_from_the_updated_settings()
    {
        var before = Base(255, VrrpState.Master);
        var after = WithVips(before, Kept, Added);
        var instance = StartMaster(before);
        instance.Tell(Update(before, after));
        _kernel.ReceiveWhile(TimeSpan.FromMilliseconds(500), m => m);

        _sender.FailNext = true; // the next advert throws: the guardian restarts the actor
        var list = _kernel.FishForMessage<ListAddresses>(_ => true, Wait);
        _kernel.Reply(new KernelAddressesListed("eth0", [new KernelInterfaceAddress("eth0", Kept, 24), new KernelInterfaceAddress("eth0", Added, 24)], TimeSpan.Zero));

        var afterRestart = _kernel.ReceiveWhile(TimeSpan.FromMilliseconds(500), m => m);
        Assert.DoesNotContain(afterRestart, m => m is DeleteAddress);
        Assert.Equal("eth0", list.Interface);
        AwaitAssert(() =>
        {
            var status = StatusOf(instance);
            Assert.Equal(VrrpState.Master, status.State);
            Assert.Equal([Kept, Added], status.Vips);
        }, Wait);
    }

    private static VrrpDatagram Advert(byte priority, params IPAddress[] vips)
    {
        var packet = VrrpPacket.Advertisement(VrrpVersion.V3, 51, priority, vips.ToEquatableList(), TimeSpan.FromSeconds(1));
        var datagram = VrrpPacketCodec.EncodeIpv4Datagram(packet, Peer, VrrpWire.MulticastGroupV4, 1);
        return new VrrpDatagram(datagram, Peer, VrrpWire.MulticastGroupV4, 255);
    }

    /// <summary>Keeps every advert "sent" with the time it left.</summary>
    private sealed class TimedSender : IVrrpSender
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly ConcurrentQueue<(TimeSpan At, VrrpPacket Packet)> _sent = new();

        public bool FailNext { get; set; }

        public TimeSpan Elapsed => _clock.Elapsed;

        public void Send(VrrpPacket packet, IPAddress source, IPAddress destination)
        {
            if (FailNext)
            {
                FailNext = false;
                throw new ApplicationException("crash for the test");
            }
            _sent.Enqueue((_clock.Elapsed, packet));
        }

        public IReadOnlyList<(TimeSpan At, VrrpPacket Packet)> SentSince(TimeSpan since) => _sent.Where(s => s.At >= since).ToList();

        /// <summary>The longest gap between adverts from the last one sent before <paramref name="at"/>.</summary>
        public TimeSpan LongestGapAround(TimeSpan at)
        {
            var times = _sent.Select(s => s.At).ToList();
            times = times.Skip(Math.Max(0, times.FindLastIndex(t => t < at))).ToList();
            return times.Zip(times.Skip(1), (a, b) => b - a).DefaultIfEmpty(TimeSpan.Zero).Max();
        }
    }
}
