using Director.Actors.Supervision;

namespace Director.Actors.Tests.Supervision;

public class RestartLedgerTests
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.UnixEpoch;

    [Fact]
    public void Allows_max_restarts_within_the_window_then_refuses()
    {
        var ledger = new RestartLedger(new RestartPolicy(3, TimeSpan.FromSeconds(60), RestartLimitAction.Stop));
        Assert.True(ledger.RecordFailure("a", T0));
        Assert.True(ledger.RecordFailure("a", T0.AddSeconds(1)));
        Assert.True(ledger.RecordFailure("a", T0.AddSeconds(2)));
        Assert.False(ledger.RecordFailure("a", T0.AddSeconds(3)));
        Assert.Equal(3, ledger.Restarts("a"));
        Assert.Equal(0, ledger.Restarts("b"));
    }

    [Fact]
    public void Old_failures_leave_the_window()
    {
        var ledger = new RestartLedger(new RestartPolicy(1, TimeSpan.FromSeconds(10), RestartLimitAction.Stop));
        Assert.True(ledger.RecordFailure("a", T0));
        Assert.True(ledger.RecordFailure("a", T0.AddSeconds(11)));
        Assert.False(ledger.RecordFailure("a", T0.AddSeconds(12)));
        Assert.Equal(2, ledger.RecentFailures("a"));
    }

    [Fact]
    public void Children_are_counted_apart()
    {
        var ledger = new RestartLedger(new RestartPolicy(1, TimeSpan.FromSeconds(10), RestartLimitAction.Stop));
        Assert.True(ledger.RecordFailure("a", T0));
        Assert.True(ledger.RecordFailure("b", T0));
        Assert.False(ledger.RecordFailure("a", T0));
    }

    [Fact]
    public void Default_policy_is_10_in_60_seconds_then_stop() =>
        Assert.Equal(new RestartPolicy(10, TimeSpan.FromSeconds(60), RestartLimitAction.Stop), RestartPolicy.Default);
}
