namespace Director.Actors.Checks;

/// <summary>
/// A token cancelled after a timeout or when an outer token is. With the system clock it is one
/// linked source with CancelAfter (the common, cheap case: one timer, one registration); with an
/// injected clock the timer comes from that clock.
/// </summary>
internal sealed class Deadline : IDisposable
{
    private readonly CancellationTokenSource _source;
    private readonly CancellationTokenSource? _timer;

    private Deadline(CancellationTokenSource source, CancellationTokenSource? timer)
    {
        _source = source;
        _timer = timer;
    }

    public CancellationToken Token => _source.Token;

    public static Deadline Start(TimeSpan timeout, TimeProvider time, CancellationToken outer)
    {
        if (ReferenceEquals(time, TimeProvider.System))
        {
            var source = outer.CanBeCanceled ? CancellationTokenSource.CreateLinkedTokenSource(outer) : new CancellationTokenSource();
            source.CancelAfter(timeout);
            return new Deadline(source, null);
        }
        var timer = new CancellationTokenSource(timeout, time);
        return new Deadline(CancellationTokenSource.CreateLinkedTokenSource(timer.Token, outer), timer);
    }

    public void Dispose()
    {
        _source.Dispose();
        _timer?.Dispose();
    }
}
