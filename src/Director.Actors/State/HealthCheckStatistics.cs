using Director.Actors.Balancing;

namespace Director.Actors.State;

/// <summary>
/// Counts completed checks (results and a latency histogram) per (virtual server, real server,
/// checker), and real-server transitions per (virtual server, real server). Not thread-safe: the
/// `state` actor owns it and feeds it from the event stream.
/// </summary>
public sealed class HealthCheckStatistics
{
    /// <summary>Upper bounds (seconds) of the latency histogram's buckets; +Inf is the count.</summary>
    public static readonly IReadOnlyList<double> LatencyBuckets = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly Dictionary<(string, string, string), Counter> _checks = new();
    private readonly Dictionary<(string, string), (long Up, long Down)> _transitions = new();

    public void Add(HealthCheckCompleted check)
    {
        ArgumentNullException.ThrowIfNull(check);
        var key = (check.VirtualServer, check.RealServer, check.Checker);
        if (!_checks.TryGetValue(key, out var counter))
            _checks[key] = counter = new Counter(new long[LatencyBuckets.Count]);
        if (check.Up) counter.Succeeded++;
        else counter.Failed++;
        var seconds = check.Latency.TotalSeconds;
        counter.LatencySum += seconds;
        for (var i = 0; i < LatencyBuckets.Count; i++)
            if (seconds <= LatencyBuckets[i]) counter.Buckets[i]++;
    }

    public void Add(RealServerTransitioned transition)
    {
        ArgumentNullException.ThrowIfNull(transition);
        if (transition.WasUp == transition.IsUp) return; // a weight change only
        var key = (transition.VirtualServer, transition.RealServer);
        var (up, down) = _transitions.GetValueOrDefault(key);
        _transitions[key] = transition.IsUp ? (up + 1, down) : (up, down + 1);
    }

    public HealthCheckMetrics Snapshot() => new(
        _checks.OrderBy(c => c.Key).Select(c => new CheckStatsView(
            c.Key.Item1, c.Key.Item2, c.Key.Item3, c.Value.Succeeded, c.Value.Failed, c.Value.LatencySum, [.. c.Value.Buckets])).ToList(),
        _transitions.OrderBy(t => t.Key).Select(t => new RealServerTransitionsView(t.Key.Item1, t.Key.Item2, t.Value.Up, t.Value.Down)).ToList());

    private sealed class Counter(long[] buckets)
    {
        public long Succeeded { get; set; }

        public long Failed { get; set; }

        public double LatencySum { get; set; }

        /// <summary>Cumulative: bucket i counts runs of at most LatencyBuckets[i].</summary>
        public long[] Buckets { get; } = buckets;
    }
}
