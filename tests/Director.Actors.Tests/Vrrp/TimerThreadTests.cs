using System.Collections.Concurrent;
using Director.Actors.Vrrp;

namespace Director.Actors.Tests.Vrrp;

public sealed class TimerThreadTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public void Entries_fire_in_due_order_whatever_order_they_were_scheduled_in()
    {
        var timers = new TimerThread("test-timers");
        var fired = new BlockingCollection<int>();
        timers.Schedule(TimeSpan.FromMilliseconds(300), () => fired.Add(3));
        timers.Schedule(TimeSpan.FromMilliseconds(100), () => fired.Add(1));
        timers.Schedule(TimeSpan.FromMilliseconds(200), () => fired.Add(2));

        Assert.Equal([1, 2, 3], Enumerable.Range(0, 3).Select(_ => Take(fired)).ToArray());
    }

    [Fact]
    public void A_cancelled_entry_never_fires_and_does_not_hold_back_the_next()
    {
        var timers = new TimerThread("test-timers");
        var fired = new BlockingCollection<string>();
        var cancelled = timers.Schedule(TimeSpan.FromMilliseconds(50), () => fired.Add("cancelled"));
        timers.Schedule(TimeSpan.FromMilliseconds(150), () => fired.Add("kept"));
        cancelled.Cancel();

        Assert.Equal("kept", Take(fired));
        Assert.False(fired.TryTake(out _, TimeSpan.FromMilliseconds(200)));
    }

    [Fact]
    public void An_action_that_throws_does_not_stop_the_thread()
    {
        var timers = new TimerThread("test-timers");
        var fired = new BlockingCollection<string>();
        timers.Schedule(TimeSpan.Zero, () => throw new InvalidOperationException("for the test"));
        timers.Schedule(TimeSpan.FromMilliseconds(20), () => fired.Add("after"));

        Assert.Equal("after", Take(fired));
    }

    private static T Take<T>(BlockingCollection<T> fired) =>
        fired.TryTake(out var value, Wait) ? value : throw new TimeoutException("no timer fired");
}
