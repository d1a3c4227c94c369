namespace Director.Core.Balancing;

/// <summary>
/// A data plane that can say how many active connections each destination has (IPVS from its own
/// counters). Read-only; may be called from any thread, also while a forwarding change is applied.
/// </summary>
public interface IActiveConnectionSource
{
    Task<ActiveConnectionCounts> ReadActiveConnectionsAsync(CancellationToken cancellationToken);
}
