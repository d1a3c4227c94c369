using Akka.Actor;
using Director.Core.Vrrp;

namespace Director.Actors.Vrrp;

/// <summary>
/// Single-shot timers for one VRRP instance with millisecond precision (the Akka scheduler ticks
/// every 10 ms at best). A fired timer is delivered to the actor's mailbox as
/// <see cref="VrrpTimerFired"/>; a timer re-armed or cancelled before its message is handled is
/// recognised by its generation and ignored. They fire from <see cref="TimerThread"/>, never from
/// the thread pool.
/// </summary>
public sealed class PreciseTimers(IActorRef owner) : IDisposable
{
    private readonly Dictionary<VrrpTimerKind, (TimerThread.Entry Timer, long Generation)> _timers = [];
    private long _generation;

    public void Start(VrrpTimerKind kind, TimeSpan delay)
    {
        Cancel(kind);
        var generation = ++_generation;
        var timer = TimerThread.Shared.Schedule(delay, () => owner.Tell(new VrrpTimerFired(kind, generation)));
        _timers[kind] = (timer, generation);
    }

    public void Cancel(VrrpTimerKind kind)
    {
        if (_timers.Remove(kind, out var entry))
            entry.Timer.Cancel();
    }

    public void CancelAll()
    {
        foreach (var (timer, _) in _timers.Values)
            timer.Cancel();
        _timers.Clear();
    }

    /// <summary>Whether a fired message is for the timer currently armed (and disarms it).</summary>
    public bool IsCurrent(VrrpTimerFired fired)
    {
        if (!_timers.TryGetValue(fired.Timer, out var entry) || entry.Generation != fired.Generation)
            return false;
        entry.Timer.Cancel();
        _timers.Remove(fired.Timer);
        return true;
    }

    public void Dispose() => CancelAll();
}
