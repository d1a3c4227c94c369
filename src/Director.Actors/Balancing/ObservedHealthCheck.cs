using System.Diagnostics;
using Director.Actors.Checks;
using Director.Core.Checks;

namespace Director.Actors.Balancing;

/// <summary>
/// Wraps a check: remembers since when its current run has been going, so that a hung check can be
/// seen, and hands each completed run to <paramref name="completed"/> (the metrics' event).
/// </summary>
internal sealed class ObservedHealthCheck(IHealthCheck inner, Action<CheckOutcome>? completed = null) : IHealthCheck
{
    private long _runningSince;

    /// <summary>How long the current run has been going; null when no run is in progress.</summary>
    public TimeSpan? Running
    {
        get
        {
            var since = Interlocked.Read(ref _runningSince);
            return since == 0 ? null : Stopwatch.GetElapsedTime(since);
        }
    }

    public bool StartsWithoutBlocking => inner.StartsWithoutBlocking;

    public async Task<CheckOutcome> RunAsync(CancellationToken cancellationToken)
    {
        Interlocked.Exchange(ref _runningSince, Stopwatch.GetTimestamp());
        CheckOutcome outcome;
        try
        {
            outcome = await inner.RunAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Exchange(ref _runningSince, 0);
        }

        completed?.Invoke(outcome);
        return outcome;
    }

    /// <summary>Records each completed run (result, latency) into the metrics' <paramref name="counters"/>.</summary>
    public static Action<CheckOutcome> RecordInto(State.CheckCounters counters) =>
        outcome => counters.Record(outcome.Up, outcome.Latency);
}
