using Director.Core.Balancing;

namespace Director.Actors.Native;

/// <summary>
/// Asks native-io for the active connections per (virtual service, real server); answered with
/// <see cref="ActiveConnectionsSnapshot"/>. Read-only: nothing is written to the kernel.
/// </summary>
public sealed record GetActiveConnections
{
    public static readonly GetActiveConnections Instance = new();
}

/// <param name="Counts">The data plane's counts, or null when it has none (or could not be read).</param>
public sealed record ActiveConnectionsSnapshot(ActiveConnectionCounts? Counts)
{
    public static readonly ActiveConnectionsSnapshot None = new((ActiveConnectionCounts?)null);

    /// <summary>Where the counts come from ("ipvs", "conntrack"), or null.</summary>
    public string? Source => Counts?.Source;

    public long For(VirtualServiceKey service, DestinationKey destination) => Counts?.For(service, destination) ?? 0;

    public long InactiveFor(VirtualServiceKey service, DestinationKey destination) => Counts?.InactiveFor(service, destination) ?? 0;
}
