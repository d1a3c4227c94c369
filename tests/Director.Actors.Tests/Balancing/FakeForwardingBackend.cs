using System.Collections.Concurrent;
using Director.Core.Balancing;

namespace Director.Actors.Tests.Balancing;

/// <summary>An in-memory data plane: records every table it was told to hold and what it read back.</summary>
public sealed class FakeForwardingBackend(DesiredTable? initial = null) : IForwardingBackend
{
    private DesiredTable _table = initial ?? DesiredTable.Empty;

    public string Name => "fake";

    public DesiredTable Table => Volatile.Read(ref _table);

    public ConcurrentQueue<DesiredTable> History { get; } = new();

    public ConcurrentQueue<IReadOnlyList<TableChange>> Batches { get; } = new();

    public int ReadBacks;

    /// <summary>When set, the next apply waits for it (a slow transaction).</summary>
    public TaskCompletionSource? Gate { get; set; }

    /// <summary>Read-back returns what the fake holds now (as a kernel does), not the initial table.</summary>
    public bool ReadsInstalled { get; init; }

    /// <summary>How read-back shows the installed table (a backend that loses a detail); null: as it is.</summary>
    public Func<DesiredTable, DesiredTable>? ReadBackView { get; init; }

    /// <summary>Another tool empties the table (`ipvsadm -C`).</summary>
    public void Flush() => Volatile.Write(ref _table, DesiredTable.Empty);

    public async Task ApplyAsync(IReadOnlyList<TableChange> changes, DesiredTable target, CancellationToken cancellationToken)
    {
        if (Gate is { } gate)
        {
            Gate = null;
            await gate.Task.WaitAsync(cancellationToken);
        }

        Batches.Enqueue(changes);
        History.Enqueue(target);
        Volatile.Write(ref _table, target);
    }

    public Task<DesiredTable?> ReadBackAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref ReadBacks);
        if (!ReadsInstalled) return Task.FromResult<DesiredTable?>(initial);
        var table = Table;
        return Task.FromResult<DesiredTable?>(ReadBackView is null ? table : ReadBackView(table));
    }
}
