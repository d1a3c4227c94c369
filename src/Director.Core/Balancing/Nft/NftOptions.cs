namespace Director.Core.Balancing.Nft;

/// <summary>Settings of the nftables data plane that the desired table does not carry.</summary>
public sealed record NftOptions
{
    /// <summary>Device clients reach DR virtual services on (netdev ingress hook); null: no DR.</summary>
    public string? DrIngressDevice { get; init; }

    /// <summary>Device the real servers of DR services sit behind.</summary>
    public string? DrEgressDevice { get; init; }

    /// <summary>Upper bound on slots per service for rr/wrr/sh/dh and the connection-aware schedulers.</summary>
    public int SlotLimit { get; init; } = 256;

    /// <summary>Maglev lookup table size (a prime).</summary>
    public int MaglevSize { get; init; } = 251;

    /// <summary>Fixed jhash seed, so that every director and every reload hash alike.</summary>
    public uint HashSeed { get; init; } = 0x5eed1e55;

    /// <summary>How long an idle DR flow keeps its server in the connection table.</summary>
    public TimeSpan DrConnectionTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Off by default (HOCON director.lb.round-robin-counters = per-service turns it on with 128
    /// buckets): with a value above 0, rr/wrr/fo/ovf services get round-robin
    /// counters of their own, held in that many chains (and slot map copies), see
    /// <see cref="NftCounterBuckets"/>; the tables then carry <see cref="NftLayout.CounterMarker"/>.
    /// 0: services with the same selector and slot count share one counter. Not the default: one
    /// change measured ~2.6 times slower (BENCHMARKS.md).
    /// </summary>
    public int CounterBuckets { get; init; }

    /// <summary>Entries per DR connection table and per persistence table; when full new flows are not tracked.</summary>
    public int TableSize { get; init; } = 65536;
}
