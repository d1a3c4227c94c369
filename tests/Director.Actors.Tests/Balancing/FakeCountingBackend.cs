using Director.Core.Balancing;

namespace Director.Actors.Tests.Balancing;

/// <summary>
/// An in-memory data plane that counts connections itself, as IPVS does: answers
/// <see cref="ReadActiveConnectionsAsync"/> from <see cref="Counts"/>, or fails with <see cref="ReadFailure"/>.
/// </summary>
public sealed class FakeCountingBackend(params ActiveConnectionCount[] counts) : IForwardingBackend, IActiveConnectionSource
{
    private readonly FakeForwardingBackend _inner = new();
    private int _reads;

    public string Name => "ipvs";

    public IReadOnlyList<ActiveConnectionCount> Counts { get; } = counts;

    public Exception? ReadFailure { get; init; }

    public int Reads => Volatile.Read(ref _reads);

    /// <summary>When set, the next apply waits for it (a slow transaction).</summary>
    public TaskCompletionSource? Gate
    {
        get => _inner.Gate;
        set => _inner.Gate = value;
    }

    public Task ApplyAsync(IReadOnlyList<TableChange> changes, DesiredTable target, CancellationToken cancellationToken) =>
        _inner.ApplyAsync(changes, target, cancellationToken);

    public Task<DesiredTable?> ReadBackAsync(CancellationToken cancellationToken) => _inner.ReadBackAsync(cancellationToken);

    public Task<ActiveConnectionCounts> ReadActiveConnectionsAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _reads);
        if (ReadFailure is { } failure) throw failure;
        return Task.FromResult(new ActiveConnectionCounts("ipvs", Counts));
    }
}
