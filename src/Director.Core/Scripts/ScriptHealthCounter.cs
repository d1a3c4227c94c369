namespace Director.Core.Scripts;

/// <summary>
/// keepalived's vrrp_script result counter (vrrp_scheduler.c, 2.2.x). The counter runs from 0 to
/// rise + fall - 1 and the script is OK when it is at least rise.
/// Start: without init_fail the counter is rise - 1 and the status Unknown, so the first result
/// decides either way (one success is enough, and one failure too); with init_fail it is 0 and the
/// status Failed, so rise successes are needed.
/// Later: a success below rise - 1 only counts up; reaching rise makes it OK and jumps to the top.
/// A failure above rise only counts down; at rise (or below) it becomes Failed and drops to 0.
/// A timed-out run counts as a failure.
/// </summary>
public sealed record ScriptHealthCounter
{
    public int Rise { get; }
    public int Fall { get; }
    public int Result { get; }
    public ScriptStatus Status { get; }

    private ScriptHealthCounter(int rise, int fall, int result, ScriptStatus status)
    {
        Rise = rise;
        Fall = fall;
        Result = result;
        Status = status;
    }

    public static ScriptHealthCounter Start(int rise, int fall, bool initFail)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rise, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(fall, 1);
        return initFail
            ? new ScriptHealthCounter(rise, fall, 0, ScriptStatus.Failed)
            : new ScriptHealthCounter(rise, fall, rise - 1, ScriptStatus.Unknown);
    }

    private int Top => Rise + Fall - 1;

    /// <summary>Feeds one run's outcome; Changed is true only when Status moved.</summary>
    public (ScriptHealthCounter Next, bool Changed) Record(bool success) =>
        success ? RecordSuccess() : RecordFailure();

    private (ScriptHealthCounter, bool) RecordSuccess()
    {
        if (Result < Rise - 1)
            return (new ScriptHealthCounter(Rise, Fall, Result + 1, Status), false);
        return Becomes(Top, ScriptStatus.Ok);
    }

    private (ScriptHealthCounter, bool) RecordFailure()
    {
        if (Result > Rise)
            return (new ScriptHealthCounter(Rise, Fall, Result - 1, Status), false);
        return Becomes(0, ScriptStatus.Failed);
    }

    private (ScriptHealthCounter, bool) Becomes(int result, ScriptStatus status) =>
        (new ScriptHealthCounter(Rise, Fall, result, status), status != Status);
}
