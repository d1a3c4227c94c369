using System.Diagnostics;
using Director.Core.Vrrp;

namespace Director.Actors.Vrrp;

/// <summary>The clock the VRRP state machines run on: monotonic, never stepped by NTP.</summary>
public static class MonotonicClock
{
    public static Instant Now() => new(Stopwatch.GetElapsedTime(0));
}
