using Director.Core.Balancing;

namespace Director.Native.Nftables.Events;

/// <summary>
/// Where changes of nftables tables by other processes come from (the kernel's NFNLGRP_NFTABLES
/// notifications in production). <see cref="Subscribe"/> calls <paramref name="onChange"/> from a
/// thread of its own, for each transaction of another process that touched a table
/// <paramref name="watched"/> accepts, and with <see cref="NftTablesChanged.EventsLost"/> when the
/// kernel dropped notifications; until the returned handle is disposed.
/// </summary>
public interface INftChangeEvents
{
    IDisposable Subscribe(Func<NftTableRef, bool> watched, Action<NftTablesChanged> onChange);
}

/// <summary>The kernel's notifications, in network namespace <paramref name="netns"/> (null: the daemon's own).</summary>
public sealed class NftChangeEvents(string? netns = null) : INftChangeEvents
{
    public IDisposable Subscribe(Func<NftTableRef, bool> watched, Action<NftTablesChanged> onChange) =>
        NftChangeWatcher.Start(netns, watched, onChange);
}
