using Director.Core.Vrrp.Sync;

namespace Director.Core.Tests.SyncGroups;

public class SyncGroupCoordinatorTests
{
    private static SyncGroupCoordinator Group(params string[] members) => SyncGroupCoordinator.Create("VG1", members);

    private static (SyncGroupCoordinator, SyncDecision) Report(SyncGroupCoordinator g, string i, SyncMemberState s) => g.Report(i, s);

    private static SyncGroupCoordinator AllBackup(SyncGroupCoordinator g)
    {
        foreach (var m in g.Members)
            (g, _) = g.Report(m, SyncMemberState.Backup);
        return g;
    }

    private static SyncGroupCoordinator AllMaster(SyncGroupCoordinator g)
    {
        g = AllBackup(g);
        foreach (var m in g.Members)
            (g, _) = g.Report(m, SyncMemberState.WantMaster);
        return g;
    }

    [Fact]
    public void First_backup_report_moves_group_from_init_to_backup_and_announces_it()
    {
        var (g, d) = Report(Group("A", "B"), "A", SyncMemberState.Backup);
        Assert.Equal(SyncGroupState.Backup, g.State);
        Assert.Empty(d.Orders);
        Assert.Equal(new SyncGroupTransition("VG1", SyncGroupState.Init, SyncGroupState.Backup), d.Transition);
        Assert.Equal(["GROUP", "VG1", "BACKUP", "0"], d.Transition!.NotifyArguments);
    }

    [Fact]
    public void Want_master_is_refused_while_another_member_does_not_want_it()
    {
        var g = AllBackup(Group("A", "B"));
        var (next, d) = Report(g, "A", SyncMemberState.WantMaster);
        Assert.Equal(SyncGroupState.Backup, next.State);
        Assert.Equal([new SyncOrder("A", SyncGroupState.Backup)], d.Orders);
        Assert.Null(d.Transition);
    }

    [Fact]
    public void All_members_go_master_together_when_all_want_it()
    {
        var g = AllBackup(Group("A", "B", "C"));
        (g, _) = Report(g, "A", SyncMemberState.WantMaster);
        (g, _) = Report(g, "B", SyncMemberState.WantMaster);
        var (next, d) = Report(g, "C", SyncMemberState.WantMaster);
        Assert.Equal(SyncGroupState.Master, next.State);
        Assert.Equal(
            [new SyncOrder("A", SyncGroupState.Master), new SyncOrder("B", SyncGroupState.Master), new SyncOrder("C", SyncGroupState.Master)],
            d.Orders);
        Assert.Equal(SyncGroupState.Master, d.Transition!.To);
    }

    [Fact]
    public void A_member_reporting_master_outright_takes_everyone_to_master()
    {
        var g = AllBackup(Group("A", "B"));
        var (next, d) = Report(g, "A", SyncMemberState.Master);
        Assert.Equal(SyncGroupState.Master, next.State);
        Assert.Equal([new SyncOrder("B", SyncGroupState.Master)], d.Orders);
    }

    [Fact]
    public void Want_master_in_a_master_group_is_granted()
    {
        var g = AllMaster(Group("A", "B"));
        var (_, d) = Report(g, "A", SyncMemberState.WantMaster);
        Assert.Equal([new SyncOrder("A", SyncGroupState.Master)], d.Orders);
        Assert.Null(d.Transition);
    }

    [Fact]
    public void A_member_going_backup_takes_the_masters_to_backup()
    {
        var g = AllMaster(Group("A", "B", "C"));
        var (next, d) = Report(g, "B", SyncMemberState.Backup);
        Assert.Equal(SyncGroupState.Backup, next.State);
        Assert.Equal([new SyncOrder("A", SyncGroupState.Backup), new SyncOrder("C", SyncGroupState.Backup)], d.Orders);
        Assert.Equal(new SyncGroupTransition("VG1", SyncGroupState.Master, SyncGroupState.Backup), d.Transition);
    }

    [Fact]
    public void A_member_going_fault_takes_all_to_fault()
    {
        var g = AllMaster(Group("A", "B", "C"));
        var (next, d) = Report(g, "A", SyncMemberState.Fault);
        Assert.Equal(SyncGroupState.Fault, next.State);
        Assert.Equal([new SyncOrder("B", SyncGroupState.Fault), new SyncOrder("C", SyncGroupState.Fault)], d.Orders);
        Assert.Equal(["GROUP", "VG1", "FAULT", "0"], d.Transition!.NotifyArguments);
    }

    [Fact]
    public void A_second_fault_changes_nothing()
    {
        var g = AllBackup(Group("A", "B", "C"));
        (g, _) = Report(g, "A", SyncMemberState.Fault);
        var (next, d) = Report(g, "B", SyncMemberState.Fault);
        Assert.Equal(SyncGroupState.Fault, next.State);
        Assert.Equal(SyncDecision.None, d);
    }

    [Fact]
    public void A_recovering_member_stays_fault_while_another_is_faulted()
    {
        var g = AllBackup(Group("A", "B", "C"));
        (g, _) = Report(g, "A", SyncMemberState.Fault);
        (g, _) = Report(g, "B", SyncMemberState.Fault);
        var (next, d) = Report(g, "A", SyncMemberState.Backup);
        Assert.Equal(SyncGroupState.Fault, next.State);
        Assert.Equal([new SyncOrder("A", SyncGroupState.Fault)], d.Orders);
        Assert.Null(d.Transition);
    }

    [Fact]
    public void When_the_last_fault_clears_everyone_goes_backup()
    {
        var g = AllMaster(Group("A", "B", "C"));
        (g, _) = Report(g, "A", SyncMemberState.Fault);
        var (next, d) = Report(g, "A", SyncMemberState.Backup);
        Assert.Equal(SyncGroupState.Backup, next.State);
        Assert.Equal([new SyncOrder("B", SyncGroupState.Backup), new SyncOrder("C", SyncGroupState.Backup)], d.Orders);
        Assert.Equal(new SyncGroupTransition("VG1", SyncGroupState.Fault, SyncGroupState.Backup), d.Transition);
    }

    [Fact]
    public void Recovery_asking_for_master_still_goes_backup_first()
    {
        var g = AllBackup(Group("A", "B"));
        (g, _) = Report(g, "A", SyncMemberState.Fault);
        var (next, d) = Report(g, "A", SyncMemberState.WantMaster);
        Assert.Equal(SyncGroupState.Backup, next.State);
        Assert.Equal([new SyncOrder("A", SyncGroupState.Backup), new SyncOrder("B", SyncGroupState.Backup)], d.Orders);
    }

    [Fact]
    public void Fault_from_init_is_announced_and_others_ordered()
    {
        var (g, d) = Report(Group("A", "B"), "B", SyncMemberState.Fault);
        Assert.Equal(SyncGroupState.Fault, g.State);
        Assert.Equal([new SyncOrder("A", SyncGroupState.Fault)], d.Orders);
        Assert.Equal(SyncGroupState.Init, d.Transition!.From);
    }

    [Fact]
    public void Unknown_members_are_ignored()
    {
        var g = Group("A", "B");
        var (next, d) = Report(g, "Z", SyncMemberState.Fault);
        Assert.Same(g, next);
        Assert.Equal(SyncDecision.None, d);
    }

    [Fact]
    public void Believed_state_follows_orders()
    {
        var g = AllMaster(Group("A", "B"));
        (g, _) = Report(g, "A", SyncMemberState.Fault);
        Assert.Equal(SyncGroupState.Fault, g.BelievedState("B"));
        Assert.Equal(SyncMemberState.WantMaster, g.ReportedState("B"));
    }
}
