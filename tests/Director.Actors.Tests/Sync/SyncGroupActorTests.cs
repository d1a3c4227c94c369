using Akka.Actor;
using Akka.TestKit;
using Director.Actors.Sync;
using Director.Actors.Tests.Fakes;
using Director.Core.Scripts;
using Director.Core.Vrrp.Sync;

namespace Director.Actors.Tests.Sync;

public class SyncGroupActorTests : Akka.TestKit.Xunit2.TestKit
{
    private readonly RecordingScriptRunner _notifier = new();

    private (IActorRef Group, TestProbe A, TestProbe B, TestProbe C) Start(SyncGroupSettings? settings = null)
    {
        settings ??= new SyncGroupSettings("VG1", ["VI_A", "VI_B", "VI_C"]);
        var group = Sys.ActorOf(SyncGroupActor.Props(settings, _notifier), SyncGroupActor.ActorName(settings.Name));
        var a = CreateTestProbe();
        var b = CreateTestProbe();
        var c = CreateTestProbe();
        group.Tell(new RegisterSyncMember("VI_A", a.Ref));
        group.Tell(new RegisterSyncMember("VI_B", b.Ref));
        group.Tell(new RegisterSyncMember("VI_C", c.Ref));
        return (group, a, b, c);
    }

    private static void ReportAll(IActorRef group, SyncMemberState state, params string[] members)
    {
        foreach (var m in members)
            group.Tell(new MemberStateChanged(m, state, 100));
    }

    [Fact]
    public void Is_named_after_the_group()
    {
        var (group, _, _, _) = Start();
        Assert.Equal("sync-VG1", group.Path.Name);
    }

    [Fact]
    public void A_member_going_fault_forces_the_others_to_fault()
    {
        var (group, a, b, c) = Start();
        ReportAll(group, SyncMemberState.Backup, "VI_A", "VI_B", "VI_C");
        group.Tell(new MemberStateChanged("VI_B", SyncMemberState.Fault, 100));

        a.ExpectMsg(new ForceState("VG1", SyncGroupState.Fault));
        c.ExpectMsg(new ForceState("VG1", SyncGroupState.Fault));
        b.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void All_go_master_together_only_when_all_ask()
    {
        var (group, a, b, c) = Start();
        ReportAll(group, SyncMemberState.Backup, "VI_A", "VI_B", "VI_C");
        group.Tell(new MemberStateChanged("VI_A", SyncMemberState.WantMaster, 100));
        a.ExpectMsg(new ForceState("VG1", SyncGroupState.Backup));
        group.Tell(new MemberStateChanged("VI_B", SyncMemberState.WantMaster, 100));
        b.ExpectMsg(new ForceState("VG1", SyncGroupState.Backup));
        group.Tell(new MemberStateChanged("VI_C", SyncMemberState.WantMaster, 100));

        a.ExpectMsg(new ForceState("VG1", SyncGroupState.Master));
        b.ExpectMsg(new ForceState("VG1", SyncGroupState.Master));
        c.ExpectMsg(new ForceState("VG1", SyncGroupState.Master));
    }

    [Fact]
    public void A_master_dropping_to_backup_takes_the_others_along()
    {
        var (group, a, b, c) = Start();
        ReportAll(group, SyncMemberState.Backup, "VI_A", "VI_B", "VI_C");
        group.Tell(new MemberStateChanged("VI_A", SyncMemberState.Master, 120));
        b.ExpectMsg(new ForceState("VG1", SyncGroupState.Master));
        c.ExpectMsg(new ForceState("VG1", SyncGroupState.Master));

        group.Tell(new MemberStateChanged("VI_C", SyncMemberState.Backup, 100));
        a.ExpectMsg(new ForceState("VG1", SyncGroupState.Backup));
        b.ExpectMsg(new ForceState("VG1", SyncGroupState.Backup));
        c.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void Recovery_waits_for_every_faulted_member()
    {
        var (group, a, b, c) = Start();
        ReportAll(group, SyncMemberState.Backup, "VI_A", "VI_B", "VI_C");
        group.Tell(new MemberStateChanged("VI_A", SyncMemberState.Fault, 100));
        b.ExpectMsg(new ForceState("VG1", SyncGroupState.Fault));
        c.ExpectMsg(new ForceState("VG1", SyncGroupState.Fault));
        group.Tell(new MemberStateChanged("VI_B", SyncMemberState.Fault, 100));

        group.Tell(new MemberStateChanged("VI_A", SyncMemberState.Backup, 100));
        a.ExpectMsg(new ForceState("VG1", SyncGroupState.Fault));

        group.Tell(new MemberStateChanged("VI_B", SyncMemberState.Backup, 100));
        a.ExpectMsg(new ForceState("VG1", SyncGroupState.Backup));
        c.ExpectMsg(new ForceState("VG1", SyncGroupState.Backup));
        b.ExpectNoMsg(TimeSpan.FromMilliseconds(100));

        group.Tell(GetSyncGroupStatus.Instance);
        var status = ExpectMsg<SyncGroupStatus>();
        Assert.Equal(SyncGroupState.Backup, status.State);
        Assert.All(status.Members, m => Assert.Equal(SyncGroupState.Backup, m.Believed));
    }

    [Fact]
    public void Runs_the_group_notify_scripts_and_publishes_transitions()
    {
        var settings = new SyncGroupSettings("VG1", ["VI_A", "VI_B"],
            NotifyMaster: ScriptCommandLine.Parse("/etc/director/master.sh x"),
            NotifyFault: ScriptCommandLine.Parse("/etc/director/fault.sh"),
            Notify: ScriptCommandLine.Parse("/etc/director/notify.sh --all"));
        var (group, _, _, _) = Start(settings);
        var subscriber = CreateTestProbe();
        group.Tell(new SubscribeSyncGroup(subscriber.Ref));

        group.Tell(new MemberStateChanged("VI_A", SyncMemberState.Master, 100));
        subscriber.ExpectMsg(new SyncGroupStateChanged("VG1", SyncGroupState.Init, SyncGroupState.Master));
        group.Tell(new MemberStateChanged("VI_B", SyncMemberState.Fault, 100));
        subscriber.ExpectMsg(new SyncGroupStateChanged("VG1", SyncGroupState.Master, SyncGroupState.Fault));

        AwaitCondition(() => _notifier.Invocations.Count == 4);
        var commands = _notifier.Invocations.Select(i => i.Command.ToString()).ToArray();
        Assert.Equal(
        [
            "/etc/director/master.sh x",
            "/etc/director/notify.sh --all GROUP VG1 MASTER 0",
            "/etc/director/fault.sh",
            "/etc/director/notify.sh --all GROUP VG1 FAULT 0",
        ], commands);
    }

    [Fact]
    public void A_member_joining_a_faulted_group_is_held_in_fault()
    {
        var (group, _, _, _) = Start();
        group.Tell(new MemberStateChanged("VI_A", SyncMemberState.Fault, 100));
        var restarted = CreateTestProbe();
        group.Tell(new RegisterSyncMember("VI_B", restarted.Ref));
        restarted.ExpectMsg(new ForceState("VG1", SyncGroupState.Fault));
    }

    [Fact]
    public void Reports_from_strangers_are_ignored()
    {
        var (group, a, b, c) = Start();
        group.Tell(new MemberStateChanged("VI_X", SyncMemberState.Fault, 100));
        group.Tell(GetSyncGroupStatus.Instance);
        Assert.Equal(SyncGroupState.Init, ExpectMsg<SyncGroupStatus>().State);
        a.ExpectNoMsg(TimeSpan.FromMilliseconds(50));
        b.ExpectNoMsg(TimeSpan.Zero);
        c.ExpectNoMsg(TimeSpan.Zero);
    }
}
