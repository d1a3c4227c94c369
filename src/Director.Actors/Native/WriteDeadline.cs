using System.Diagnostics;

namespace Director.Actors.Native;

/// <summary>
/// The time limit of one kernel command: a fixed budget (what one hung kernel call may cost),
/// raised by an allowance per change once a forwarding write knows how many it carries. IPVS takes
/// one netlink message per change, so a first apply of 1,000 services x 10 servers is 11,000 calls:
/// on a slow or loaded machine they legitimately outlast a budget meant for one call, and cutting
/// them off left the table half written and retried from scratch.
/// </summary>
public sealed class WriteDeadline : IDisposable
{
    /// <summary>Allowance per forwarding change (keepalived's apply under QEMU emulation: ~1.4 ms a change).</summary>
    public static readonly TimeSpan PerChange = TimeSpan.FromMilliseconds(10);

    private readonly CancellationTokenSource _source;
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public WriteDeadline(TimeSpan budget)
    {
        Limit = budget;
        _source = new CancellationTokenSource(budget);
    }

    public CancellationToken Token => _source.Token;

    /// <summary>The limit in force (the budget, or more after <see cref="AllowChanges"/>).</summary>
    public TimeSpan Limit { get; private set; }

    public bool Expired => _source.IsCancellationRequested;

    /// <summary>Raises the limit to the budget plus <paramref name="changes"/> allowances (never lowers it).</summary>
    public void AllowChanges(int changes)
    {
        var limit = Limit + (PerChange * changes);
        if (changes <= 0 || _source.IsCancellationRequested) return;
        Limit = limit;
        _source.CancelAfter(limit - _clock.Elapsed);
    }

    public void Dispose() => _source.Dispose();
}
