namespace Director.Core.Balancing;

/// <summary>
/// Active (and inactive) connections per (virtual service, destination) read at one moment from one data plane;
/// anything not listed counts 0. Fwmark services are matched on family and mark alone, because
/// IPVS, like its lookup, does not keep a fwmark service's protocol.
/// </summary>
public sealed class ActiveConnectionCounts
{
    private readonly Dictionary<(VirtualServiceKey Service, DestinationKey Destination), (long Active, long Inactive)> _counts = new();

    /// <param name="source">Where the counts come from: "ipvs" or "conntrack".</param>
    public ActiveConnectionCounts(string source, IEnumerable<ActiveConnectionCount> counts)
    {
        ArgumentException.ThrowIfNullOrEmpty(source);
        ArgumentNullException.ThrowIfNull(counts);
        Source = source;
        foreach (var c in counts)
        {
            var key = (Normalized(c.Service), c.Destination);
            var (active, inactive) = _counts.GetValueOrDefault(key);
            _counts[key] = (active + c.Active, inactive + c.Inactive);
        }
    }

    public string Source { get; }

    /// <summary>How many (service, destination) pairs were counted.</summary>
    public int Count => _counts.Count;

    public long For(VirtualServiceKey service, DestinationKey destination) => Of(service, destination).Active;

    /// <summary>The destination's inactive connections (IPVS's InActConn), 0 when not counted.</summary>
    public long InactiveFor(VirtualServiceKey service, DestinationKey destination) => Of(service, destination).Inactive;

    private (long Active, long Inactive) Of(VirtualServiceKey service, DestinationKey destination)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(destination);
        return _counts.GetValueOrDefault((Normalized(service), destination));
    }

    private static VirtualServiceKey Normalized(VirtualServiceKey key) =>
        key.IsFwmark ? key with { Protocol = IpProtocol.Tcp } : key;
}
