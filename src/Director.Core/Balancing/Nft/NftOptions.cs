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
    /// On (the default, HOCON director.lb.round-robin-counters = per-service): every rr/wrr service
    /// has its own chain <c>vs_ID</c>, slot map <c>slots_ID</c> and so its own <c>numgen inc</c>
    /// counter, as each IPVS service has its own round-robin position; the tables carry
    /// <see cref="NftLayout.Marker"/>. Off (<c>shared</c>): services with the same selector and slot
    /// count share a dispatch chain and its counter (<see cref="NftSharedSlots"/>), tables carry
    /// <see cref="NftLayout.SharedMarker"/>. Changes to existing per-service services go to the kernel
    /// as netlink messages (<see cref="NftFastChange"/>), not through libnftables, whose cache refresh
    /// grows with the number of chains and maps.
    /// </summary>
    public bool PerServiceCounters { get; init; } = true;

    /// <summary>Entries per DR connection table and per persistence table; when full new flows are not tracked.</summary>
    public int TableSize { get; init; } = 65536;
}
