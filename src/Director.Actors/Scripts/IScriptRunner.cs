namespace Director.Actors.Scripts;

/// <summary>Runs external scripts (checks, notifications). Never throws for a failing script: the result says how it ended.</summary>
public interface IScriptRunner
{
    Task<ScriptRunResult> RunAsync(ScriptInvocation invocation, CancellationToken cancellationToken);
}
