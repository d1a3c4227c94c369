using System.Diagnostics;

namespace Director.Actors.Vrrp;

/// <summary>
/// One thread of its own that fires the VRRP protocol timers. A <see cref="Timer"/> callback runs
/// on the .NET thread pool, so thread-pool starvation anywhere in the process (checks, management,
/// a burst of blocking work) would delay an advert or a master-down timer; this thread only waits
/// for the earliest due entry and runs its action, which must be short and non-blocking (a Tell).
/// </summary>
public sealed class TimerThread
{
    public static readonly TimerThread Shared = new("vrrp-timers");

    private readonly PriorityQueue<Entry, long> _due = new();
    private readonly object _gate = new();

    public TimerThread(string name)
    {
        var thread = new Thread(Run) { IsBackground = true, Name = name };
        thread.Start();
    }

    /// <summary>Runs <paramref name="action"/> on this thread once <paramref name="delay"/> has passed.</summary>
    public Entry Schedule(TimeSpan delay, Action action)
    {
        var entry = new Entry(action);
        var at = Stopwatch.GetTimestamp() + (long)(Math.Max(0, delay.TotalSeconds) * Stopwatch.Frequency);
        lock (_gate)
        {
            _due.Enqueue(entry, at);
            Monitor.Pulse(_gate);
        }
        return entry;
    }

    private void Run()
    {
        while (true)
        {
            var action = NextDue();
            try
            {
                action();
            }
            catch
            {
                // An action only tells an actor; nothing it throws may stop the other timers.
            }
        }
    }

    private Action NextDue()
    {
        lock (_gate)
        {
            while (true)
            {
                if (!_due.TryPeek(out var entry, out var at))
                {
                    Monitor.Wait(_gate);
                    continue;
                }
                if (entry.IsCancelled)
                {
                    _due.Dequeue();
                    continue;
                }
                var wait = at - Stopwatch.GetTimestamp();
                if (wait <= 0)
                {
                    _due.Dequeue();
                    return entry.Action;
                }
                // Rounded up: waking a little early would only spin through this loop again.
                Monitor.Wait(_gate, (int)Math.Min(int.MaxValue, (wait * 1000 + Stopwatch.Frequency - 1) / Stopwatch.Frequency));
            }
        }
    }

    public sealed class Entry(Action action)
    {
        private volatile bool _cancelled;

        internal Action Action { get; } = action;

        public bool IsCancelled => _cancelled;

        /// <summary>The action will not run unless it is already running.</summary>
        public void Cancel() => _cancelled = true;
    }
}
