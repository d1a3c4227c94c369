using Director.Core.Checks;

namespace Director.Core.Tests.Checks;

public class CheckerRunnerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Loop = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Dbr = TimeSpan.FromSeconds(2);

    private static CheckerRunnerSettings Settings(int retry = 2, bool alpha = false, bool retryWhileDown = false, bool logAll = false, bool fromStart = false) => new()
    {
        DelayLoop = Loop,
        DelayBeforeRetry = Dbr,
        Retry = retry,
        Warmup = TimeSpan.FromSeconds(6),
        Alpha = alpha,
        RetryWhileDown = retryWhileDown,
        LogAllFailures = logAll,
        ScheduleFromStart = fromStart,
        InitialWeight = 5,
    };

    private static readonly CheckOutcome Ok = CheckOutcome.Success("ok", TimeSpan.Zero);
    private static readonly CheckOutcome Bad = CheckOutcome.Failure("refused", TimeSpan.Zero);

    private static CheckerStep Feed(CheckerRunner runner, CheckOutcome outcome, DateTimeOffset at) => runner.OnOutcome(outcome, at, at);

    [Fact]
    public void Starts_up_without_alpha_and_down_with_alpha()
    {
        Assert.True(new CheckerRunner(Settings()).IsUp);
        Assert.False(new CheckerRunner(Settings(alpha: true)).IsUp);
    }

    [Fact]
    public void First_check_after_bootstrap_delay_plus_random_share_of_warmup()
    {
        var runner = new CheckerRunner(Settings());
        Assert.Equal(T0 + TimeSpan.FromSeconds(1), runner.FirstCheckAt(T0, 0));
        Assert.Equal(T0 + TimeSpan.FromSeconds(4), runner.FirstCheckAt(T0, 0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => runner.FirstCheckAt(T0, 1.0));
    }

    [Fact]
    public void Success_while_up_reports_nothing_and_waits_delay_loop()
    {
        var runner = new CheckerRunner(Settings());
        var step = Feed(runner, Ok, T0);
        Assert.Empty(step.Transitions);
        Assert.Equal(T0 + Loop, step.NextCheckAt);
        Assert.False(step.IsRetry);
        Assert.True(runner.HasRun);
    }

    [Fact]
    public void A_single_failure_at_start_is_enough_to_go_down()
    {
        var runner = new CheckerRunner(Settings(retry: 3));
        var step = Feed(runner, Bad, T0);
        Assert.Equal(CheckerTransitionKind.Down, Assert.Single(step.Transitions).Kind);
        Assert.False(runner.IsUp);
        Assert.Equal(T0 + Loop, step.NextCheckAt);
        Assert.Equal("check failed: refused", step.LogLine);
    }

    [Fact]
    public void After_a_success_failures_use_retries_before_going_down()
    {
        var runner = new CheckerRunner(Settings(retry: 2));
        Feed(runner, Ok, T0);
        var first = Feed(runner, Bad, T0 + Loop);
        Assert.Empty(first.Transitions);
        Assert.True(first.IsRetry);
        Assert.Equal(T0 + Loop + Dbr, first.NextCheckAt);
        Assert.Null(first.LogLine);
        var second = Feed(runner, Bad, T0 + Loop + Dbr);
        Assert.Empty(second.Transitions);
        Assert.Equal(T0 + Loop + Dbr + Dbr, second.NextCheckAt);
        var third = Feed(runner, Bad, T0 + Loop + Dbr + Dbr);
        Assert.Equal(CheckerTransitionKind.Down, Assert.Single(third.Transitions).Kind);
        Assert.Equal("check failed after 2 retries: refused", third.LogLine);
        Assert.Equal(T0 + Loop + Dbr + Dbr + Loop, third.NextCheckAt);
        Assert.False(third.IsRetry);
    }

    [Fact]
    public void A_success_during_retries_resets_the_counter()
    {
        var runner = new CheckerRunner(Settings(retry: 1));
        Feed(runner, Ok, T0);
        Assert.Empty(Feed(runner, Bad, T0).Transitions);
        Assert.Empty(Feed(runner, Ok, T0).Transitions);
        Assert.Empty(Feed(runner, Bad, T0).Transitions);
        Assert.Equal(CheckerTransitionKind.Down, Assert.Single(Feed(runner, Bad, T0).Transitions).Kind);
    }

    [Fact]
    public void Retry_zero_goes_down_on_the_first_failure()
    {
        var runner = new CheckerRunner(Settings(retry: 0));
        Feed(runner, Ok, T0);
        var step = Feed(runner, Bad, T0);
        Assert.Equal(CheckerTransitionKind.Down, Assert.Single(step.Transitions).Kind);
        Assert.Equal(T0 + Loop, step.NextCheckAt);
    }

    [Fact]
    public void Down_server_comes_back_on_one_success()
    {
        var runner = new CheckerRunner(Settings());
        Feed(runner, Bad, T0);
        var step = Feed(runner, Ok, T0 + Loop);
        Assert.Equal(CheckerTransitionKind.Up, Assert.Single(step.Transitions).Kind);
        Assert.True(runner.IsUp);
        Assert.Equal("check succeeded: ok", step.LogLine);
    }

    [Fact]
    public void Failures_while_down_wait_delay_loop_and_report_nothing()
    {
        var runner = new CheckerRunner(Settings(retry: 3));
        Feed(runner, Bad, T0);
        var step = Feed(runner, Bad, T0 + Loop);
        Assert.Empty(step.Transitions);
        Assert.Null(step.LogLine);
        Assert.Equal(T0 + Loop + Loop, step.NextCheckAt);
    }

    [Fact]
    public void Tcp_style_checkers_keep_retrying_while_down_without_transitions()
    {
        var runner = new CheckerRunner(Settings(retry: 2, retryWhileDown: true));
        Feed(runner, Bad, T0);
        var a = Feed(runner, Bad, T0);
        var b = Feed(runner, Bad, T0);
        var c = Feed(runner, Bad, T0);
        Assert.True(a.IsRetry);
        Assert.True(b.IsRetry);
        Assert.False(c.IsRetry);
        Assert.Equal(T0 + Dbr, a.NextCheckAt);
        Assert.Equal(T0 + Loop, c.NextCheckAt);
        Assert.All(new[] { a, b, c }, s => Assert.Empty(s.Transitions));
    }

    [Fact]
    public void Alpha_first_success_brings_the_server_up()
    {
        var runner = new CheckerRunner(Settings(alpha: true));
        var step = Feed(runner, Ok, T0);
        Assert.Equal(CheckerTransitionKind.Up, Assert.Single(step.Transitions).Kind);
    }

    [Fact]
    public void Alpha_first_failure_logs_but_reports_no_transition()
    {
        var runner = new CheckerRunner(Settings(alpha: true));
        var step = Feed(runner, Bad, T0);
        Assert.Empty(step.Transitions);
        Assert.Equal("check failed: refused", step.LogLine);
        Assert.False(runner.IsUp);
    }

    [Fact]
    public void Log_all_failures_logs_each_failed_retry_of_an_up_server()
    {
        var quiet = new CheckerRunner(Settings(retry: 2));
        var loud = new CheckerRunner(Settings(retry: 2, logAll: true));
        Feed(quiet, Ok, T0);
        Feed(loud, Ok, T0);
        Assert.Null(Feed(quiet, Bad, T0).LogLine);
        Assert.Equal("check failed (retry 1 of 2): refused", Feed(loud, Bad, T0).LogLine);
    }

    [Fact]
    public void Misc_schedules_from_the_start_of_the_run_but_never_in_the_past()
    {
        var runner = new CheckerRunner(Settings(fromStart: true));
        var step = runner.OnOutcome(Ok, T0, T0 + TimeSpan.FromSeconds(3));
        Assert.Equal(T0 + Loop, step.NextCheckAt);
        var late = runner.OnOutcome(Ok, T0, T0 + TimeSpan.FromSeconds(30));
        Assert.Equal(T0 + TimeSpan.FromSeconds(30), late.NextCheckAt);
    }

    [Fact]
    public void Dynamic_weight_is_reported_only_when_it_changes_from_the_configured_weight()
    {
        var runner = new CheckerRunner(Settings());
        Assert.Empty(Feed(runner, Ok with { Weight = 5 }, T0).Transitions);
        var changed = Feed(runner, Ok with { Weight = 8 }, T0);
        var t = Assert.Single(changed.Transitions);
        Assert.Equal(CheckerTransitionKind.WeightChanged, t.Kind);
        Assert.Equal(8, t.Weight);
        Assert.Empty(Feed(runner, Ok with { Weight = 8 }, T0).Transitions);
        Assert.Equal(5, Assert.Single(Feed(runner, Ok with { Weight = 5 }, T0).Transitions).Weight);
    }

    [Fact]
    public void Coming_up_with_a_new_weight_reports_both()
    {
        var runner = new CheckerRunner(Settings(alpha: true));
        var step = Feed(runner, Ok with { Weight = 3 }, T0);
        Assert.Equal(new[] { CheckerTransitionKind.Up, CheckerTransitionKind.WeightChanged }, step.Transitions.Select(t => t.Kind));
    }

    [Fact]
    public void Weight_delta_changes_are_reported()
    {
        var runner = new CheckerRunner(Settings());
        Assert.Empty(Feed(runner, Ok with { WeightDelta = 0 }, T0).Transitions);
        Assert.Equal(-4, Assert.Single(Feed(runner, Ok with { WeightDelta = -4 }, T0).Transitions).WeightDelta);
        Assert.Equal(-4, runner.WeightDelta);
    }

    [Fact]
    public void Stop_with_omega_reports_down_for_an_up_server_only()
    {
        var runner = new CheckerRunner(Settings());
        Assert.Empty(runner.Stop(omega: false));
        Assert.Equal(CheckerTransitionKind.Down, Assert.Single(runner.Stop(omega: true)).Kind);
        Assert.Empty(runner.Stop(omega: true));
    }
}
