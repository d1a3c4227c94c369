using Director.Core.Balancing;
using Director.Core.Balancing.Nft;

namespace Director.Actors.Native;

/// <summary>
/// Asks native-io for the active connections per (virtual service, real server); answered with
/// <see cref="ActiveConnectionsSnapshot"/>. Read-only: nothing is written to the kernel.
/// </summary>
public sealed record GetActiveConnections
{
    public static readonly GetActiveConnections Instance = new();
}

/// <param name="Source">Where the counts come from ("conntrack"), or null when this data plane has none.</param>
public sealed record ActiveConnectionsSnapshot(string? Source, ConntrackCounts? Counts)
{
    public static readonly ActiveConnectionsSnapshot None = new(null, null);

    public long For(VirtualServiceKey service, DestinationKey destination) => Counts?.For(service, destination) ?? 0;
}
