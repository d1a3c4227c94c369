using System.Collections.Concurrent;
using Akka.Actor;
using Director.Actors.Balancing;

namespace Director.Actors.State;

/// <summary>
/// One per actor system (<see cref="For"/>): the <see cref="CheckCounters"/> of every (virtual
/// server, real server, checker), handed to the check loops once, and the real-server transitions
/// the `state` actor counts from the event stream (that part is the actor's alone).
/// </summary>
public sealed class HealthCheckStatistics : IExtension
{
    private readonly ConcurrentDictionary<(string, string, string), CheckCounters> _checks = new();
    private readonly Dictionary<(string, string), (long Up, long Down)> _transitions = new();

    /// <summary>Upper bounds (seconds) of the latency histogram's buckets.</summary>
    public static IReadOnlyList<double> LatencyBuckets => CheckCounters.LatencyBuckets;

    public static HealthCheckStatistics For(ActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        return system.WithExtension<HealthCheckStatistics, HealthCheckStatisticsProvider>();
    }

    /// <summary>The counters a check loop records into (the same object for the same key, across checker restarts).</summary>
    public CheckCounters CountersOf(string virtualServer, string realServer, string checker) =>
        _checks.GetOrAdd((virtualServer, realServer, checker), _ => new CheckCounters());

    public void Add(RealServerTransitioned transition)
    {
        ArgumentNullException.ThrowIfNull(transition);
        if (transition.WasUp == transition.IsUp) return; // a weight change only
        var key = (transition.VirtualServer, transition.RealServer);
        lock (_transitions)
        {
            var (up, down) = _transitions.GetValueOrDefault(key);
            _transitions[key] = transition.IsUp ? (up + 1, down) : (up, down + 1);
        }
    }

    public HealthCheckMetrics Snapshot()
    {
        List<RealServerTransitionsView> transitions;
        lock (_transitions)
            transitions = _transitions.OrderBy(t => t.Key).Select(t => new RealServerTransitionsView(t.Key.Item1, t.Key.Item2, t.Value.Up, t.Value.Down)).ToList();
        return new HealthCheckMetrics(
            _checks.ToArray().OrderBy(c => c.Key).Select(c => c.Value.View(c.Key.Item1, c.Key.Item2, c.Key.Item3)).ToList(),
            transitions);
    }

    private sealed class HealthCheckStatisticsProvider : ExtensionIdProvider<HealthCheckStatistics>
    {
        public override HealthCheckStatistics CreateExtension(ExtendedActorSystem system) => new();
    }
}
