using System.Collections.Concurrent;
using Director.Actors.Scripts;

namespace Director.Actors.Tests.Fakes;

/// <summary>Records invocations and answers success without running anything.</summary>
public sealed class RecordingScriptRunner : IScriptRunner
{
    public ConcurrentQueue<ScriptInvocation> Invocations { get; } = new();

    public Task<ScriptRunResult> RunAsync(ScriptInvocation invocation, CancellationToken cancellationToken)
    {
        Invocations.Enqueue(invocation);
        return Task.FromResult(new ScriptRunResult(ScriptOutcome.Exited, 0, TimeSpan.Zero));
    }
}
