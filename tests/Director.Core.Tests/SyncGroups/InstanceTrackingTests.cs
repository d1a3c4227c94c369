using Director.Core.Vrrp.Sync;

namespace Director.Core.Tests.SyncGroups;

public class InstanceTrackingTests
{
    [Fact]
    public void Unweighted_script_waits_for_its_first_result()
    {
        var t = InstanceTracking.Create(100, [new TrackedItem(TrackedKind.Script, "chk")]);
        Assert.True(t.Evaluate().Waiting);
        Assert.False(t.WithScript("chk", true).Evaluate().Waiting);
        Assert.True(t.WithScript("chk", false).Evaluate().Fault);
    }

    [Fact]
    public void Interfaces_start_down_until_reported_up()
    {
        var t = InstanceTracking.Create(100, [new TrackedItem(TrackedKind.Interface, "eth0")]);
        Assert.True(t.Evaluate().Fault);
        Assert.False(t.WithInterface("eth0", true).Evaluate().Fault);
    }

    [Fact]
    public void Weights_follow_the_news()
    {
        var t = InstanceTracking.Create(100,
        [
            new TrackedItem(TrackedKind.Script, "chk_up", 20),
            new TrackedItem(TrackedKind.Interface, "eth1", -10),
        ]);
        Assert.Equal(90, t.Evaluate().Priority);
        t = t.WithScript("chk_up", true).WithInterface("eth1", true);
        Assert.Equal(120, t.Evaluate().Priority);
        t = t.WithInterface("eth1", false);
        Assert.Equal(110, t.Evaluate().Priority);
    }

    [Fact]
    public void A_script_and_an_interface_may_share_a_name()
    {
        var t = InstanceTracking.Create(100,
        [
            new TrackedItem(TrackedKind.Script, "x", 5),
            new TrackedItem(TrackedKind.Interface, "x", 7),
        ]).WithInterface("x", true);
        Assert.Equal(107, t.Evaluate().Priority);
    }

    [Fact]
    public void News_about_untracked_things_changes_nothing()
    {
        var t = InstanceTracking.Create(100, []);
        Assert.Same(t, t.WithScript("other", false));
        Assert.False(t.Tracks(TrackedKind.Script, "other"));
    }

    [Fact]
    public void Sync_group_members_ignore_weights()
    {
        var t = InstanceTracking.Create(100, [new TrackedItem(TrackedKind.Script, "chk", -50)], applyWeights: false)
            .WithScript("chk", false);
        Assert.Equal(100, t.Evaluate().Priority);
    }
}
