using Director.Core.Balancing;

namespace Director.Actors.Tests.Balancing;

/// <summary>
/// An in-memory data plane with connection-aware re-slotting: counts rebalances and records
/// whether any call ever overlapped another (native-io must serialize them all).
/// </summary>
public sealed class FakeRebalancingBackend(DesiredTable? initial = null) : IForwardingBackend, IRebalancingBackend
{
    private readonly FakeForwardingBackend _inner = new(initial);
    private int _inFlight;
    private int _rebalances;

    public string Name => "fake-rebalancing";

    public DesiredTable Table => _inner.Table;

    public int Rebalances => Volatile.Read(ref _rebalances);

    public bool Overlapped { get; private set; }

    /// <summary>When set, the next apply waits for it (a slow transaction).</summary>
    public TaskCompletionSource? Gate
    {
        get => _inner.Gate;
        set => _inner.Gate = value;
    }

    /// <summary>How long each rebalance takes.</summary>
    public TimeSpan RebalanceTime { get; init; } = TimeSpan.FromMilliseconds(5);

    public async Task ApplyAsync(IReadOnlyList<TableChange> changes, DesiredTable target, CancellationToken cancellationToken)
    {
        Enter();
        try
        {
            await _inner.ApplyAsync(changes, target, cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    public Task<DesiredTable?> ReadBackAsync(CancellationToken cancellationToken) => _inner.ReadBackAsync(cancellationToken);

    public async Task RebalanceAsync(CancellationToken cancellationToken)
    {
        Enter();
        try
        {
            await Task.Delay(RebalanceTime, cancellationToken);
            Interlocked.Increment(ref _rebalances);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private void Enter()
    {
        if (Interlocked.Increment(ref _inFlight) > 1) Overlapped = true;
    }
}
