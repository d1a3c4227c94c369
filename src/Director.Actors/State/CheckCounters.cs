namespace Director.Actors.State;

/// <summary>
/// Results and a cumulative latency histogram of one checker of one real server. Written by the
/// check's own loop with atomic adds (no message, no lock per check: 10,000 checks a second must
/// stay cheap), read by the metrics.
/// </summary>
public sealed class CheckCounters
{
    /// <summary>Upper bounds (seconds) of the latency histogram's buckets; +Inf is the count.</summary>
    public static readonly IReadOnlyList<double> LatencyBuckets = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly long[] _buckets = new long[LatencyBuckets.Count];
    private long _succeeded;
    private long _failed;
    private long _latencyTicks;

    public void Record(bool up, TimeSpan latency)
    {
        Interlocked.Increment(ref up ? ref _succeeded : ref _failed);
        Interlocked.Add(ref _latencyTicks, latency.Ticks);
        var seconds = latency.TotalSeconds;
        for (var i = 0; i < _buckets.Length; i++)
            if (seconds <= LatencyBuckets[i]) Interlocked.Increment(ref _buckets[i]);
    }

    public CheckStatsView View(string virtualServer, string realServer, string checker) => new(
        virtualServer,
        realServer,
        checker,
        Interlocked.Read(ref _succeeded),
        Interlocked.Read(ref _failed),
        TimeSpan.FromTicks(Interlocked.Read(ref _latencyTicks)).TotalSeconds,
        [.. _buckets.Select((_, i) => Interlocked.Read(ref _buckets[i]))]);
}
