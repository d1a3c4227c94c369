namespace Director.Actors.Supervision;

/// <summary>What a supervisor does with a child that keeps failing.</summary>
public enum RestartLimitAction
{
    /// <summary>Stop the child; its siblings keep running.</summary>
    Stop,

    /// <summary>Escalate to this supervisor's own parent (which restarts this whole subtree).</summary>
    Escalate,
}

/// <summary>
/// A child is restarted after each failure until it fails more than <see cref="MaxRestarts"/>
/// times within <see cref="Window"/>; then <see cref="OnLimit"/> applies.
/// </summary>
public sealed record RestartPolicy(int MaxRestarts, TimeSpan Window, RestartLimitAction OnLimit)
{
    public static readonly RestartPolicy Default = new(10, TimeSpan.FromSeconds(60), RestartLimitAction.Stop);
}
