namespace Director.Core.Checks;

/// <summary>
/// keepalived's per-checker retry state, as a pure machine: it is told each outcome and the time,
/// and answers when to check next and which transitions (Up / Down / WeightChanged) to report.
/// <list type="bullet">
/// <item>Initial state: up, unless alpha (then down). Until the first outcome ("has not run") the
///   first outcome always decides the state, and a single failure is enough (keepalived starts
///   with the retry counter exhausted).</item>
/// <item>A success resets the retry counter, marks the server up and schedules delay_loop.</item>
/// <item>A failure while up uses a retry (next check after delay_before_retry) until <c>retry</c>
///   retries failed; then the server goes down and delay_loop applies again.</item>
/// <item>A failure while down schedules delay_loop (TCP and SMTP keep retrying after
///   delay_before_retry, without a state change).</item>
/// <item>log_all_failures: every failed attempt of an up server is logged, not only the final one.</item>
/// </list>
/// Not thread-safe: owned by one actor.
/// </summary>
public sealed class CheckerRunner
{
    private readonly CheckerRunnerSettings _settings;
    private int _retryIt;

    public CheckerRunner(CheckerRunnerSettings settings)
    {
        _settings = settings ?? throw new ArgumentNullException(nameof(settings));
        IsUp = !settings.Alpha;
        _retryIt = settings.Retry;
        Weight = settings.InitialWeight;
    }

    public bool IsUp { get; private set; }

    public bool HasRun { get; private set; }

    /// <summary>The absolute weight last reported (starts at the real server's weight).</summary>
    public int Weight { get; private set; }

    /// <summary>The weight change last reported by a FILE_CHECK (0 at start).</summary>
    public int WeightDelta { get; private set; }

    public int RetriesUsed => HasRun ? _retryIt : 0;

    public CheckerRunnerSettings Settings => _settings;

    /// <summary>The time of the first check: bootstrap delay plus warmup times <paramref name="random01"/> (in [0, 1)).</summary>
    public DateTimeOffset FirstCheckAt(DateTimeOffset now, double random01)
    {
        if (random01 is < 0 or >= 1 || double.IsNaN(random01))
            throw new ArgumentOutOfRangeException(nameof(random01), "expected a value in [0, 1)");
        return now + _settings.BootstrapDelay + TimeSpan.FromTicks((long)(_settings.Warmup.Ticks * random01));
    }

    /// <summary>Applies one outcome of a run that started at <paramref name="startedAt"/> and ended at <paramref name="finishedAt"/>.</summary>
    public CheckerStep OnOutcome(CheckOutcome outcome, DateTimeOffset startedAt, DateTimeOffset finishedAt)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        List<CheckerTransition>? transitions = null;
        string? log = null;
        bool retrying = false;
        var firstRun = !HasRun;

        if (outcome.Up)
        {
            _retryIt = 0;
            if (!IsUp)
            {
                IsUp = true;
                (transitions ??= new List<CheckerTransition>(2)).Add(new CheckerTransition(CheckerTransitionKind.Up, outcome.Detail));
                log = $"check succeeded: {outcome.Detail}";
            }
            AddWeightChanges(outcome, ref transitions);
        }
        else if ((IsUp || firstRun || _settings.RetryWhileDown) && _retryIt < _settings.Retry)
        {
            _retryIt++;
            retrying = true;
            if (IsUp && _settings.LogAllFailures)
                log = $"check failed (retry {_retryIt} of {_settings.Retry}): {outcome.Detail}";
        }
        else
        {
            var retried = _retryIt;
            _retryIt = 0;
            if (IsUp || firstRun)
            {
                log = retried > 0 && !firstRun
                    ? $"check failed after {retried} retries: {outcome.Detail}"
                    : $"check failed: {outcome.Detail}";
                if (IsUp)
                {
                    IsUp = false;
                    (transitions ??= new List<CheckerTransition>(1)).Add(new CheckerTransition(CheckerTransitionKind.Down, outcome.Detail));
                }
            }
        }

        HasRun = true;
        var delay = retrying ? _settings.DelayBeforeRetry : _settings.DelayLoop;
        var from = _settings.ScheduleFromStart ? startedAt : finishedAt;
        var next = from + delay;
        if (next < finishedAt)
            next = finishedAt;
        return new CheckerStep(next, transitions is null ? Array.Empty<CheckerTransition>() : transitions, log) { IsRetry = retrying };
    }

    /// <summary>
    /// The checker is being removed (shutdown or reload). With omega keepalived runs the down
    /// notification of a server that was up; the transition says so.
    /// </summary>
    public IReadOnlyList<CheckerTransition> Stop(bool omega)
    {
        if (!omega || !IsUp)
            return Array.Empty<CheckerTransition>();
        IsUp = false;
        return new[] { new CheckerTransition(CheckerTransitionKind.Down, "checker stopped (omega)") };
    }

    private void AddWeightChanges(CheckOutcome outcome, ref List<CheckerTransition>? transitions)
    {
        if (outcome.Weight is { } weight && weight != Weight)
        {
            Weight = weight;
            (transitions ??= new List<CheckerTransition>(2)).Add(new CheckerTransition(CheckerTransitionKind.WeightChanged, outcome.Detail) { Weight = weight });
        }
        if (outcome.WeightDelta is { } delta && delta != WeightDelta)
        {
            WeightDelta = delta;
            (transitions ??= new List<CheckerTransition>(2)).Add(new CheckerTransition(CheckerTransitionKind.WeightChanged, outcome.Detail) { WeightDelta = delta });
        }
    }
}
