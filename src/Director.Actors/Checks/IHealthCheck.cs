using Director.Core.Checks;

namespace Director.Actors.Checks;

/// <summary>One run of one health check against one real server. Never throws for a failing server: the outcome says so.</summary>
public interface IHealthCheck
{
    Task<CheckOutcome> RunAsync(CancellationToken cancellationToken);

    /// <summary>
    /// True when starting a run only makes non-blocking calls, so that the check scheduler may start
    /// it on its own thread instead of handing it to the thread pool (see <see cref="HealthCheckLoop"/>).
    /// </summary>
    bool StartsWithoutBlocking => false;
}
