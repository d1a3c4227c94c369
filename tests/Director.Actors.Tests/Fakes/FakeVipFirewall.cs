using System.Collections.Concurrent;
using Director.Core.Vrrp.Firewall;

namespace Director.Actors.Tests.Fakes;

/// <summary>An in-memory VIP drop table: records every whole-table write; can be told to fail the next one.</summary>
public sealed class FakeVipFirewall : IVipFirewall
{
    private int _failNext;

    public ConcurrentQueue<IReadOnlyList<BlockedVip>> Writes { get; } = new();

    /// <summary>What the last successful write installed (empty: no table).</summary>
    public IReadOnlyList<BlockedVip> Installed { get; private set; } = [];

    public void FailNext() => Interlocked.Exchange(ref _failNext, 1);

    public Task ApplyAsync(IReadOnlyCollection<BlockedVip> blocked, CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _failNext, 0) == 1)
            return Task.FromException(new InvalidOperationException("nft: injected failure"));
        var copy = blocked.ToList();
        Installed = copy;
        Writes.Enqueue(copy);
        return Task.CompletedTask;
    }
}
