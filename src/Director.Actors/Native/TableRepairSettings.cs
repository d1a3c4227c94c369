using Director.Native.Nftables.Events;

namespace Director.Actors.Native;

/// <summary>How native-io notices that another process changed director's kernel tables.</summary>
public sealed record TableRepairSettings
{
    public static readonly TimeSpan DefaultDebounce = TimeSpan.FromMilliseconds(50);

    public static readonly TimeSpan DefaultCheckInterval = TimeSpan.FromSeconds(1);

    /// <summary>nftables' own change notifications (forwarding tables, VIP drop table); null: not watched.</summary>
    public INftChangeEvents? Events { get; init; }

    /// <summary>How long changes are gathered into one repair (an `nft -f` reload is several transactions).</summary>
    public TimeSpan Debounce { get; init; } = DefaultDebounce;

    /// <summary>
    /// Period of the read-back compare of a forwarding table that announces no changes (IPVS);
    /// null: never.
    /// </summary>
    public TimeSpan? CheckInterval { get; init; }
}
