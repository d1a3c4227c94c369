using Director.Core.Vrrp.Sync;

namespace Director.Core.Tests.SyncGroups;

public class EffectivePriorityTests
{
    [Fact]
    public void No_tracking_keeps_base() =>
        Assert.Equal(new EffectivePriorityResult(100, false, false, []), EffectivePriority.Compute(100, []));

    [Fact]
    public void Positive_weight_is_added_while_up_only()
    {
        Assert.Equal(110, EffectivePriority.Compute(100, [new TrackedState("chk", 10, Up: true)]).Priority);
        Assert.Equal(100, EffectivePriority.Compute(100, [new TrackedState("chk", 10, Up: false)]).Priority);
    }

    [Fact]
    public void Negative_weight_is_subtracted_while_down_only()
    {
        Assert.Equal(100, EffectivePriority.Compute(100, [new TrackedState("chk", -30, Up: true)]).Priority);
        Assert.Equal(70, EffectivePriority.Compute(100, [new TrackedState("chk", -30, Up: false)]).Priority);
    }

    [Fact]
    public void Weights_add_up_across_scripts_and_interfaces()
    {
        var r = EffectivePriority.Compute(100,
        [
            new TrackedState("chk_a", 20, true),
            new TrackedState("chk_b", -5, false),
            new TrackedState("eth1", -10, false),
        ]);
        Assert.Equal(105, r.Priority);
        Assert.False(r.Fault);
    }

    [Theory]
    [InlineData(200, 100, 254)]
    [InlineData(10, -50, 1)]
    [InlineData(254, 1, 254)]
    [InlineData(1, -1, 1)]
    public void Clamps_to_1_254(int basePriority, int weight, int expected)
    {
        var up = weight > 0;
        Assert.Equal(expected, EffectivePriority.Compute(basePriority, [new TrackedState("t", weight, up)]).Priority);
    }

    [Fact]
    public void Owner_stays_255_whatever_the_weights()
    {
        var r = EffectivePriority.Compute(255, [new TrackedState("chk", -100, false), new TrackedState("eth0", 10, true)]);
        Assert.Equal(255, r.Priority);
        Assert.False(r.Fault);
    }

    [Fact]
    public void Owner_still_faults_on_unweighted_tracking()
    {
        var r = EffectivePriority.Compute(255, [new TrackedState("eth0", 0, false)]);
        Assert.True(r.Fault);
        Assert.Equal(255, r.Priority);
    }

    [Fact]
    public void Unweighted_down_is_fault_and_names_the_reasons()
    {
        var r = EffectivePriority.Compute(100,
        [
            new TrackedState("eth0", 0, false),
            new TrackedState("chk", 0, true),
            new TrackedState("chk2", 0, false),
        ]);
        Assert.True(r.Fault);
        Assert.Equal(["eth0", "chk2"], r.FaultReasons);
    }

    [Fact]
    public void Reverse_swaps_up_and_down()
    {
        Assert.True(EffectivePriority.Compute(100, [new TrackedState("chk", 0, true, Reverse: true)]).Fault);
        Assert.False(EffectivePriority.Compute(100, [new TrackedState("chk", 0, false, Reverse: true)]).Fault);
        Assert.Equal(110, EffectivePriority.Compute(100, [new TrackedState("chk", 10, false, Reverse: true)]).Priority);
        Assert.Equal(90, EffectivePriority.Compute(100, [new TrackedState("chk", -10, true, Reverse: true)]).Priority);
    }

    [Fact]
    public void Unknown_unweighted_script_means_waiting_not_fault()
    {
        var r = EffectivePriority.Compute(100, [new TrackedState("chk", 0, false, Known: false)]);
        Assert.False(r.Fault);
        Assert.True(r.Waiting);
    }

    [Fact]
    public void Unknown_weighted_script_counts_as_down()
    {
        Assert.Equal(100, EffectivePriority.Compute(100, [new TrackedState("chk", 10, true, Known: false)]).Priority);
        Assert.Equal(90, EffectivePriority.Compute(100, [new TrackedState("chk", -10, true, Known: false)]).Priority);
    }

    [Fact]
    public void Sync_group_member_ignores_weights_but_not_faults()
    {
        var r = EffectivePriority.Compute(100, [new TrackedState("chk", -50, false), new TrackedState("eth0", 0, false)], applyWeights: false);
        Assert.Equal(100, r.Priority);
        Assert.True(r.Fault);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(256)]
    public void Rejects_base_out_of_range(int p) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => EffectivePriority.Compute(p, []));
}
