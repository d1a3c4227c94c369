using Director.Core.Balancing;
using Director.Native.Nftables.Events;

namespace Director.Actors.Tests.Fakes;

/// <summary>nftables notifications made by the test: each goes to the subscribers whose filter takes one of its tables.</summary>
public sealed class FakeNftChangeEvents : INftChangeEvents
{
    private readonly List<(Func<NftTableRef, bool> Watched, Action<NftTablesChanged> OnChange)> _subscribers = [];

    public int Subscriptions
    {
        get
        {
            lock (_subscribers) return _subscribers.Count;
        }
    }

    public IDisposable Subscribe(Func<NftTableRef, bool> watched, Action<NftTablesChanged> onChange)
    {
        var entry = (watched, onChange);
        lock (_subscribers) _subscribers.Add(entry);
        return new Unsubscribe(() =>
        {
            lock (_subscribers) _subscribers.Remove(entry);
        });
    }

    /// <summary>Another process (nft, pid 4242) changed <paramref name="table"/>.</summary>
    public void Changed(NftTableRef table, string summary = "table deleted") => Emit(new NftTablesChanged([new NftTableChange(table, summary)], 4242, "nft"));

    public void Emit(NftTablesChanged change)
    {
        List<(Func<NftTableRef, bool> Watched, Action<NftTablesChanged> OnChange)> subscribers;
        lock (_subscribers) subscribers = [.. _subscribers];
        foreach (var (watched, onChange) in subscribers)
        {
            var tables = change.Tables.Where(t => watched(t.Table)).ToList();
            if (tables.Count > 0 || change.EventsLost) onChange(change with { Tables = tables });
        }
    }

    private sealed class Unsubscribe(Action action) : IDisposable
    {
        public void Dispose() => action();
    }
}
