using Akka.Actor;
using Akka.TestKit;
using Director.Actors.Native;
using Director.Actors.Scripts;
using Director.Actors.Sync;
using Director.Actors.Tests.Fakes;
using Director.Actors.Vrrp;
using Director.Core.Vrrp;
using Director.Core.Vrrp.Sync;
using static Director.Actors.Tests.Vrrp.InstanceFixtures;

namespace Director.Actors.Tests.Vrrp;

public class VrrpInstanceActorTests : Akka.TestKit.Xunit2.TestKit
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);
    private readonly RecordingVrrpSender _sender = new();
    private readonly TestProbe _kernel;

    public VrrpInstanceActorTests()
        : base("akka.test.timefactor = 3") => _kernel = CreateTestProbe("native-io");

    private IActorRef Start(VrrpInstanceSettings settings, VrrpInstanceLinks? links = null) =>
        Sys.ActorOf(VrrpInstanceActor.Props(settings, _sender, _kernel, links ?? VrrpInstanceLinks.None, new RecordingScriptRunner()), settings.ActorName);

    private void LinkUp(IActorRef instance) => instance.Tell(new Director.Actors.Links.LinkStateChanged("eth0", true));

    [Fact]
    public void Silent_peer_makes_a_backup_master_after_the_master_down_interval()
    {
        var instance = Start(Settings());
        LinkUp(instance);
        _kernel.ExpectMsg<DeleteAddress>(Wait); // keepalived removes leftover VIPs at start
        var added = _kernel.ExpectMsg<AddAddress>(Wait);
        Assert.Equal(Vip, added.Address.Address);
        _kernel.ExpectMsg<SendGratuitousArp>(Wait);
        AwaitAssert(() => Assert.Contains((byte)100, _sender.Priorities), Wait);
        var status = StatusOf(instance);
        Assert.Equal(VrrpState.Master, status.State);
    }

    [Fact]
    public void Adverts_from_a_higher_priority_master_keep_it_backup_and_are_counted()
    {
        // 1 s adverts: a master down interval of 3.6 s that a loaded test machine cannot overrun.
        var instance = Start(Settings(priority: 100, intervalMs: 1000));
        LinkUp(instance);
        _kernel.ExpectMsg<DeleteAddress>(Wait);
        for (var i = 0; i < 10; i++)
        {
            instance.Tell(AdvertFromPeer(200, intervalMs: 1000));
            Thread.Sleep(100);
        }
        _kernel.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        var status = StatusOf(instance);
        Assert.Equal(VrrpState.Backup, status.State);
        Assert.Equal(10, status.AdvertsReceived);
        Assert.Empty(_sender.Sent);
    }

    [Fact]
    public void A_bad_packet_is_dropped_under_its_reason_without_a_state_change()
    {
        var instance = Start(Settings());
        LinkUp(instance);
        var advert = AdvertFromPeer(200);
        var corrupt = advert with { Data = advert.Data.ToArray() };
        corrupt.Data[^1] ^= 0xFF; // breaks the checksum
        instance.Tell(corrupt);
        instance.Tell(advert with { HopLimit = 254, Data = WithTtl(advert.Data, 254) });
        var status = StatusOf(instance);
        Assert.Equal(1, status.Drops[VrrpDropReason.BadChecksum]);
        Assert.Equal(1, status.Drops[VrrpDropReason.TtlNot255]);
        Assert.Equal(0, status.AdvertsReceived);
    }

    [Fact]
    public void A_failing_tracked_script_lowers_the_advertised_priority_by_its_weight()
    {
        var script = CreateTestProbe();
        var instance = Start(Settings(priority: 100, tracking: [new TrackedItem(TrackedKind.Script, "chk", -30)]),
            new VrrpInstanceLinks([script]));
        script.ExpectMsg<SubscribeScript>(Wait);
        instance.Tell(new ScriptStateChanged("chk", true, 0));
        LinkUp(instance);
        _kernel.ExpectMsg<DeleteAddress>(Wait);
        _kernel.ExpectMsg<AddAddress>(Wait);
        instance.Tell(new ScriptStateChanged("chk", false, -30));
        AwaitAssert(() => Assert.Equal(70, _sender.Priorities.Last()), Wait);
        instance.Tell(new ScriptStateChanged("chk", true, 0));
        AwaitAssert(() => Assert.Equal(100, _sender.Priorities.Last()), Wait);
    }

    [Fact]
    public void A_sync_group_member_claims_master_and_waits_for_the_group()
    {
        var group = CreateTestProbe();
        var instance = Start(Settings(syncGroup: "VG1"), new VrrpInstanceLinks([], SyncGroup: group));
        group.ExpectMsg<RegisterSyncMember>(Wait);
        LinkUp(instance);
        group.FishForMessage<MemberStateChanged>(m => m.State == SyncMemberState.WantMaster, Wait);
        _kernel.FishForMessage(m => m is DeleteAddress, Wait);
        _kernel.ExpectNoMsg(TimeSpan.FromMilliseconds(300)); // no VIPs until the group says so
        instance.Tell(new ForceState("VG1", SyncGroupState.Master));
        _kernel.ExpectMsg<AddAddress>(Wait);
        // A state the group ordered is not reported back (the coordinator counts only members' own states).
        var reports = group.ReceiveWhile(TimeSpan.FromMilliseconds(300), m => m);
        Assert.DoesNotContain(reports, m => m is MemberStateChanged { State: SyncMemberState.Master });
    }

    [Fact]
    public void Restarted_master_reads_the_kernel_and_resumes_without_dropping_its_vips()
    {
        var instance = Start(Settings());
        LinkUp(instance);
        _kernel.ExpectMsg<DeleteAddress>(Wait);
        _kernel.ExpectMsg<AddAddress>(Wait);
        _kernel.ReceiveWhile(TimeSpan.FromMilliseconds(300), m => m);

        _sender.FailNext = new ApplicationException("crash for the test"); // the next advert throws: the guardian restarts the actor
        var list = _kernel.FishForMessage<ListAddresses>(_ => true, Wait);
        Assert.Equal("eth0", list.Interface);
        _kernel.Reply(new KernelAddressesListed("eth0", [new KernelInterfaceAddress("eth0", Vip, 32)], TimeSpan.Zero));

        var after = _kernel.ReceiveWhile(TimeSpan.FromMilliseconds(500), m => m);
        Assert.DoesNotContain(after, m => m is DeleteAddress);
        AwaitAssert(() =>
        {
            var status = StatusOf(instance);
            Assert.Equal(VrrpState.Master, status.State);
        }, Wait);
    }

    [Fact]
    public void Release_sends_priority_zero_removes_vips_and_answers()
    {
        var instance = Start(Settings());
        LinkUp(instance);
        _kernel.ExpectMsg<DeleteAddress>(Wait);
        _kernel.ExpectMsg<AddAddress>(Wait);
        _kernel.ReceiveWhile(TimeSpan.FromMilliseconds(200), m => m);

        instance.Tell(ReleaseVrrp.Instance, TestActor);
        _kernel.FishForMessage(m => m is DeleteAddress, Wait);
        var list = _kernel.FishForMessage<ListAddresses>(_ => true, Wait);
        _kernel.Reply(new KernelAddressesListed(list.Interface, [], TimeSpan.Zero));
        ExpectMsg<VrrpReleased>(Wait);
        Assert.Equal(0, _sender.Priorities.Last());
    }

    private static VrrpInstanceStatus StatusOf(IActorRef instance) =>
        instance.Ask<VrrpInstanceStatus>(GetVrrpInstanceStatus.Instance, Wait).GetAwaiter().GetResult();

    private static byte[] WithTtl(byte[] datagram, byte ttl)
    {
        var copy = datagram.ToArray();
        copy[8] = ttl;
        copy[10] = copy[11] = 0;
        var sum = InternetChecksum.Compute(copy.AsSpan(0, 20));
        copy[10] = (byte)(sum >> 8);
        copy[11] = (byte)sum;
        return copy;
    }
}
