using Director.Core.Balancing;
using Director.Core.Balancing.Nft;

namespace Director.Native.Conntrack;

/// <summary>
/// Active connections on the nftables data plane: conntrack knows flows, not services, so the
/// counts are taken for each (service, destination) of the table installed at the time of the read.
/// </summary>
/// <param name="installed">The forwarding table currently installed.</param>
/// <param name="readText">The conntrack table's text; <see cref="ConntrackTable.ReadText"/> unless a test substitutes it.</param>
public sealed class ConntrackConnectionSource(Func<DesiredTable> installed, Func<string>? readText = null) : IActiveConnectionSource
{
    public const string SourceName = "conntrack";

    public Task<ActiveConnectionCounts> ReadActiveConnectionsAsync(CancellationToken cancellationToken)
    {
        var table = installed();
        var conntrack = ConntrackCounts.Parse((readText ?? ConntrackTable.ReadText)());
        cancellationToken.ThrowIfCancellationRequested();
        var counts = table.Services.Values.SelectMany(s =>
            s.Destinations.Select(d => new ActiveConnectionCount(s.Key, d.Key, conntrack.For(s.Key, d.Key))));
        return Task.FromResult(new ActiveConnectionCounts(SourceName, counts));
    }
}
