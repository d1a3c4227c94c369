using Director.Core.Scripts;

namespace Director.Actors.Scripts;

/// <summary>Who a script runs as (keepalived's <c>script_user USER [GROUP]</c> or a script's <c>user</c>).</summary>
public sealed record ScriptUser(string User, string? Group = null);

/// <summary>One run of a script: the command (already split, no shell), the user, the time limit.</summary>
/// <param name="TermGrace">
/// At the timeout: zero kills the process tree at once; otherwise the process gets SIGTERM first and
/// the tree SIGKILL after this grace (or as soon as the process has ended), as keepalived's MISC_CHECK does.
/// </param>
public sealed record ScriptInvocation(ScriptCommandLine Command, TimeSpan Timeout, ScriptUser? RunAs = null, TimeSpan TermGrace = default);

/// <summary>How a run ended.</summary>
public enum ScriptOutcome
{
    Exited,
    TimedOut,
    FailedToStart,
}

/// <summary>The result of one run; only <see cref="ScriptOutcome.Exited"/> with code 0 is a success.</summary>
public sealed record ScriptRunResult(ScriptOutcome Outcome, int ExitCode, TimeSpan Duration, string? Error = null)
{
    public bool Success => Outcome == ScriptOutcome.Exited && ExitCode == 0;
}
