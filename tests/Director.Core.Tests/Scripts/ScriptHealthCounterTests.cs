using Director.Core.Scripts;

namespace Director.Core.Tests.Scripts;

public class ScriptHealthCounterTests
{
    private static (ScriptHealthCounter Counter, List<ScriptStatus> Changes) Feed(ScriptHealthCounter counter, params bool[] results)
    {
        var changes = new List<ScriptStatus>();
        foreach (var r in results)
        {
            (counter, var changed) = counter.Record(r);
            if (changed)
                changes.Add(counter.Status);
        }
        return (counter, changes);
    }

    [Fact]
    public void Starts_unknown_and_one_success_is_enough_even_with_rise_3()
    {
        var start = ScriptHealthCounter.Start(rise: 3, fall: 2, initFail: false);
        Assert.Equal(ScriptStatus.Unknown, start.Status);
        var (c, changes) = Feed(start, true);
        Assert.Equal(ScriptStatus.Ok, c.Status);
        Assert.Equal([ScriptStatus.Ok], changes);
    }

    [Fact]
    public void Starts_unknown_and_one_failure_is_enough_even_with_fall_3()
    {
        var (c, changes) = Feed(ScriptHealthCounter.Start(2, 3, false), false);
        Assert.Equal(ScriptStatus.Failed, c.Status);
        Assert.Equal([ScriptStatus.Failed], changes);
    }

    [Fact]
    public void Init_fail_starts_failed_and_needs_rise_successes()
    {
        var start = ScriptHealthCounter.Start(rise: 3, fall: 1, initFail: true);
        Assert.Equal(ScriptStatus.Failed, start.Status);
        var (c, changes) = Feed(start, true, true);
        Assert.Equal(ScriptStatus.Failed, c.Status);
        Assert.Empty(changes);
        (c, changes) = Feed(c, true);
        Assert.Equal(ScriptStatus.Ok, c.Status);
        Assert.Equal([ScriptStatus.Ok], changes);
    }

    [Fact]
    public void Init_fail_failures_report_nothing()
    {
        var (_, changes) = Feed(ScriptHealthCounter.Start(1, 1, true), false, false);
        Assert.Empty(changes);
    }

    [Fact]
    public void Ok_needs_fall_consecutive_failures_to_fail()
    {
        var (ok, _) = Feed(ScriptHealthCounter.Start(2, 3, false), true);
        var (c, changes) = Feed(ok, false, false);
        Assert.Equal(ScriptStatus.Ok, c.Status);
        Assert.Empty(changes);
        (c, changes) = Feed(c, false);
        Assert.Equal(ScriptStatus.Failed, c.Status);
        Assert.Equal([ScriptStatus.Failed], changes);
    }

    [Fact]
    public void A_success_between_failures_resets_the_fall_count()
    {
        var (ok, _) = Feed(ScriptHealthCounter.Start(1, 3, false), true);
        var (c, changes) = Feed(ok, false, false, true, false, false);
        Assert.Equal(ScriptStatus.Ok, c.Status);
        Assert.Empty(changes);
    }

    [Fact]
    public void Failed_needs_rise_consecutive_successes_and_a_failure_resets_them()
    {
        var (failed, _) = Feed(ScriptHealthCounter.Start(3, 1, false), false);
        var (c, changes) = Feed(failed, true, true, false, true, true);
        Assert.Equal(ScriptStatus.Failed, c.Status);
        Assert.Empty(changes);
        (c, changes) = Feed(c, true);
        Assert.Equal([ScriptStatus.Ok], changes);
    }

    [Fact]
    public void Flapping_reports_only_transitions()
    {
        var (_, changes) = Feed(ScriptHealthCounter.Start(1, 1, false), true, true, false, false, true);
        Assert.Equal([ScriptStatus.Ok, ScriptStatus.Failed, ScriptStatus.Ok], changes);
    }

    [Fact]
    public void Rejects_zero_rise_or_fall()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ScriptHealthCounter.Start(0, 1, false));
        Assert.Throws<ArgumentOutOfRangeException>(() => ScriptHealthCounter.Start(1, 0, false));
    }
}
