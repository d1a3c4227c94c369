using Director.Core.Balancing;

namespace Director.Actors.Native;

/// <summary>
/// native-io's view of the forwarding table: what the backend was last told (read back from the
/// kernel before the first change, so that a restart reconciles instead of re-adding). Used only
/// from native-io's serialized command execution, never concurrently.
/// </summary>
/// <param name="outdated">
/// Told, after a read-back, of the backend's tables found in another layout (which the backend's
/// next apply replaces whole); called on the command's thread, not the actor's.
/// </param>
public sealed class ForwardingTable(IForwardingBackend backend, Action<IReadOnlyList<OutdatedForwardingTable>>? outdated = null)
{
    private DesiredTable _current = DesiredTable.Empty;
    private bool _loaded;

    // Differences a repair could not remove (the read-back describes a detail otherwise than
    // director wrote it): tolerated until the table changes, so a lossy read-back never turns into
    // a write every check interval. Keyed to the table they were seen against.
    private readonly HashSet<TableChange> _residual = [];
    private DesiredTable? _residualOf;

    public string BackendName => backend.Name;

    public IForwardingBackend Backend => backend;

    /// <summary>The table as last applied (volatile: read from the actor while a command may run).</summary>
    public DesiredTable Current => Volatile.Read(ref _current);

    /// <summary>Applies <paramref name="commands"/> in order as one diff (one transaction on nftables).</summary>
    /// <param name="deadline">Raised by the number of changes once they are known (see <see cref="WriteDeadline"/>).</param>
    public async Task UpdateAsync(IReadOnlyList<UpdateForwarding> commands, CancellationToken cancellationToken, WriteDeadline? deadline = null)
    {
        var current = await LoadAsync(cancellationToken).ConfigureAwait(false);
        var target = current;
        foreach (var command in commands)
        {
            foreach (var key in command.Keys) target = target.Without(key);
            foreach (var service in command.Services) target = target.With(service);
        }

        await ApplyAsync(current, target, cancellationToken, deadline).ConfigureAwait(false);
    }

    /// <summary>True when the backend approximates connection-aware schedulers and one of them is installed.</summary>
    public bool NeedsRebalance =>
        backend is IRebalancingBackend && Current.Services.Values.Any(s => s.Scheduler.IsConnectionAware && s.Destinations.Count > 1);

    /// <summary>Re-slots the connection-aware services; nothing when the backend does not rebalance.</summary>
    public Task RebalanceAsync(CancellationToken cancellationToken) =>
        backend is IRebalancingBackend rebalancing ? rebalancing.RebalanceAsync(cancellationToken) : Task.CompletedTask;

    public async Task PruneAsync(PruneForwarding command, CancellationToken cancellationToken, WriteDeadline? deadline = null)
    {
        var current = await LoadAsync(cancellationToken).ConfigureAwait(false);
        var keep = command.Keep.ToHashSet();
        var target = current;
        foreach (var key in current.Services.Keys.Where(k => !keep.Contains(k))) target = target.Without(key);
        await ApplyAsync(current, target, cancellationToken, deadline).ConfigureAwait(false);
    }

    /// <summary>
    /// Reads the kernel back and puts director's table back where it differs: whole, in one
    /// transaction, on a backend with tables of its own (<see cref="IRestorableBackend"/>); else
    /// (IPVS, shared with other tools) only director's services, by the diff from what the kernel
    /// holds of them. Nothing before the first change or read-back (nothing of director's yet).
    /// </summary>
    /// <param name="onlyIfDifferent">For a restorable backend: write only when the read-back differs
    /// (else the table is rewritten whole: another process touched it, which the read-back of the
    /// registry may not show).</param>
    public async Task<ForwardingRepair> RepairAsync(bool onlyIfDifferent, CancellationToken cancellationToken, WriteDeadline? deadline = null)
    {
        if (!_loaded) return ForwardingRepair.None;
        var target = _current;
        if (backend is IRestorableBackend restorable)
        {
            try
            {
                return await restorable.RestoreAsync(target, onlyIfDifferent, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                _loaded = false;
                throw;
            }
        }

        var changes = Unrepaired(await ReadOwnAsync(target, cancellationToken).ConfigureAwait(false), target);
        if (changes.Count == 0) return ForwardingRepair.None;
        deadline?.AllowChanges(changes.Count);
        await backend.ApplyAsync(changes, target, cancellationToken).ConfigureAwait(false);
        _residual.UnionWith(Unrepaired(await ReadOwnAsync(target, cancellationToken).ConfigureAwait(false), target));
        var missing = changes.OfType<AddService>().Select(a => a.Service.Key).ToList();
        var changed = changes.Select(c => c.ServiceKey).Distinct().Except(missing).ToList();
        return new ForwardingRepair(missing, changed, [], missing.Count + changed.Count, true);
    }

    // The kernel's services that director's table names (IPVS may hold others' too).
    private async Task<DesiredTable> ReadOwnAsync(DesiredTable target, CancellationToken cancellationToken)
    {
        var read = await backend.ReadBackAsync(cancellationToken).ConfigureAwait(false);
        return new DesiredTable(read?.Services.Values.Where(s => target.Services.ContainsKey(s.Key)) ?? []);
    }

    private List<TableChange> Unrepaired(DesiredTable observed, DesiredTable target)
    {
        if (!ReferenceEquals(_residualOf, target))
        {
            _residual.Clear();
            _residualOf = target;
        }

        return TableDiff.Between(observed, target).Where(c => !_residual.Contains(c)).ToList();
    }

    private async Task ApplyAsync(DesiredTable current, DesiredTable target, CancellationToken cancellationToken, WriteDeadline? deadline)
    {
        var changes = TableDiff.Between(current, target);
        if (changes.Count == 0) return;
        deadline?.AllowChanges(changes.Count);
        try
        {
            await backend.ApplyAsync(changes, target, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            _loaded = false; // the kernel may hold part of it (IPVS has no transactions): read back next time
            throw;
        }

        Volatile.Write(ref _current, target);
    }

    private async Task<DesiredTable> LoadAsync(CancellationToken cancellationToken)
    {
        if (_loaded) return _current;
        var read = await backend.ReadBackAsync(cancellationToken).ConfigureAwait(false);
        if (backend is ILayoutCheckingBackend checking && checking.Outdated is { Count: > 0 } found) outdated?.Invoke(found);
        Volatile.Write(ref _current, read ?? DesiredTable.Empty);
        _loaded = true;
        return _current;
    }
}
