using Director.Core.Checks;
using Director.Native.Sockets;

namespace Director.Actors.Checks;

/// <summary>
/// Drives one check with its <see cref="CheckerRunner"/> until cancelled: waits until the next
/// check time (the first after bootstrap + warmup), runs the check, hands the outcome to the
/// runner and reports transitions and log lines. One async loop per check: no thread per check.
/// An exception thrown by the check counts as a failed outcome. With the system clock the waits are
/// served by the shared <see cref="CheckReactor"/> (batched wake-ups; a check that starts without
/// blocking is started on the reactor's thread). Cancellation ends the loop at once, even when the
/// check in progress ignores it: nothing is reported after cancellation.
/// </summary>
public static class HealthCheckLoop
{
    public static async Task RunAsync(
        IHealthCheck check,
        CheckerRunner runner,
        Action<CheckerTransition> onTransition,
        TimeProvider time,
        Random random,
        CancellationToken cancellationToken,
        Action<string>? onLog = null)
    {
        ArgumentNullException.ThrowIfNull(check);
        ArgumentNullException.ThrowIfNull(runner);
        ArgumentNullException.ThrowIfNull(onTransition);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(random);
        var next = runner.FirstCheckAt(time.GetUtcNow(), random.NextDouble());
        while (!cancellationToken.IsCancellationRequested)
        {
            var wait = next - time.GetUtcNow();
            try
            {
                if (wait > TimeSpan.Zero)
                    await DelayAsync(wait, time, check.StartsWithoutBlocking, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            var started = time.GetUtcNow();
            CheckOutcome outcome;
            try
            {
                outcome = await check.RunAsync(cancellationToken).WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // a failing check must not end the loop; it is a failed outcome
            catch (Exception e)
#pragma warning restore CA1031
            {
                outcome = CheckOutcome.Failure($"check threw {e.GetType().Name}: {e.Message}", time.GetUtcNow() - started);
            }
            if (cancellationToken.IsCancellationRequested)
                return;
            var step = runner.OnOutcome(outcome, started, time.GetUtcNow());
            if (step.LogLine is not null)
                onLog?.Invoke(step.LogLine);
            foreach (var transition in step.Transitions)
                onTransition(transition);
            next = step.NextCheckAt;
        }
    }

    private static Task DelayAsync(TimeSpan wait, TimeProvider time, bool inline, CancellationToken cancellationToken) =>
        ReferenceEquals(time, TimeProvider.System)
            ? CheckReactor.Shared.DelayAsync(wait, inline, cancellationToken)
            : Task.Delay(wait, time, cancellationToken);
}
