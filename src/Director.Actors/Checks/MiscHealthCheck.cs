using System.Globalization;
using Director.Actors.Scripts;
using Director.Core.Checks;
using Director.Core.Scripts;

namespace Director.Actors.Checks;

/// <summary>
/// MISC_CHECK: runs misc_path (split into program and arguments, no shell) with misc_timeout;
/// a run that does not end in time gets SIGTERM, then (as keepalived) SIGKILL for its whole process
/// tree 2 s later, and counts as a failure.
/// The exit status is read as keepalived does (<see cref="MiscExitCode"/>).
/// </summary>
public sealed class MiscHealthCheck : IHealthCheck
{
    private readonly ScriptInvocation _invocation;
    private readonly bool _dynamic;
    private readonly int _configuredWeight;
    private readonly IScriptRunner _runner;

    public MiscHealthCheck(ScriptInvocation invocation, bool dynamic, int configuredWeight, IScriptRunner runner)
    {
        _invocation = invocation ?? throw new ArgumentNullException(nameof(invocation));
        _runner = runner ?? throw new ArgumentNullException(nameof(runner));
        _dynamic = dynamic;
        _configuredWeight = configuredWeight;
    }

    /// <summary>keepalived waits this long after SIGTERM before it sends SIGKILL.</summary>
    public static readonly TimeSpan TermGrace = TimeSpan.FromSeconds(2);

    public static ScriptInvocation InvocationFor(string miscPath, TimeSpan timeout, Director.Core.Config.Model.ScriptUser? user) =>
        new(ScriptCommandLine.Parse(miscPath), timeout, user is null ? null : new Scripts.ScriptUser(user.User, user.Group), TermGrace);

    public async Task<CheckOutcome> RunAsync(CancellationToken cancellationToken)
    {
        var result = await _runner.RunAsync(_invocation, cancellationToken).ConfigureAwait(false);
        var program = _invocation.Command.Program;
        switch (result.Outcome)
        {
            case ScriptOutcome.TimedOut:
                return CheckOutcome.Failure($"{program} timed out ({result.Error})", result.Duration);
            case ScriptOutcome.FailedToStart:
                return CheckOutcome.Failure($"{program} failed to start: {result.Error}", result.Duration);
        }
        var (up, weight) = MiscExitCode.Interpret(result.ExitCode, _dynamic, _configuredWeight);
        var detail = $"{program} exited with status {result.ExitCode.ToString(CultureInfo.InvariantCulture)}";
        return new CheckOutcome(up, weight, detail, result.Duration);
    }
}
