using Director.Core.Checks;

namespace Director.Actors.Checks;

/// <summary>One run of one health check against one real server. Never throws for a failing server: the outcome says so.</summary>
public interface IHealthCheck
{
    Task<CheckOutcome> RunAsync(CancellationToken cancellationToken);
}
