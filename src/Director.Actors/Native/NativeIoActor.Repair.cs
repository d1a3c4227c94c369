using Akka.Actor;
using Akka.Event;
using Director.Core.Balancing;
using Director.Core.Vrrp.Firewall;
using Director.Native.Nftables.Events;

namespace Director.Actors.Native;

/// <summary>
/// Repair of director's tables after another process changed them: nftables announces every
/// committed transaction (NFNLGRP_NFTABLES), so a change to the forwarding tables or the VIP drop
/// table (e.g. `nft flush ruleset` by nftables.service) is seen at once; gathered for
/// <see cref="TableRepairSettings.Debounce"/>, then restored by one <see cref="RepairTables"/>
/// serialized with every other write. IPVS announces nothing: its table is read back every
/// <see cref="TableRepairSettings.CheckInterval"/> and repaired where director's services differ.
/// <para>
/// Director's own writes never start a repair: the watcher drops the transactions committed
/// through this process's own netlink sockets (see <see cref="NftChangeWatcher"/>); and what a
/// repair writes is decided by reading the tables back (the VIP drop table, lost events, IPVS),
/// so even a misattributed notification costs one read, not a write loop.
/// </para>
/// <para>
/// An operator's stop is never fought: from <see cref="StopRepairs"/> (SIGTERM, SIGINT) or the
/// start of the coordinated shutdown on, nothing is repaired, so the release of the tables at
/// stop (and a table kept with --dont-release-ipvs) stays as the stop left it. A paused director
/// (SIGSTOP) runs no code at all; once continued it repairs what changed meanwhile, as a running
/// director does.
/// </para>
/// </summary>
public sealed partial class NativeIoActor
{
    private readonly TableRepairSettings _repair;
    private IDisposable? _watch;
    private volatile IReadOnlySet<NftTableRef> _watched = new HashSet<NftTableRef>();
    private readonly List<NftTablesChanged> _changes = [];
    private bool _repairScheduled;
    private bool _repairDue;
    private int _checkDue;
    private bool _repairsStopped;
    private bool _lastCheckFailed;
    private long _forwardingRepairs;
    private long _firewallRepairs;

    private bool RepairsOff => _repairsStopped || CoordinatedShutdown.Get(Context.System).ShutdownReason is not null;

    private IReadOnlySet<NftTableRef> ForwardingTables =>
        _forwarding?.Backend is IRestorableBackend r ? r.Tables.ToHashSet() : new HashSet<NftTableRef>();

    private NftTableRef? FirewallTable => (_firewall as IVerifiableVipFirewall)?.Table;

    private void StartRepairs()
    {
        Watch();
        if (_repair.CheckInterval is { } interval && _forwarding is { Backend: not IRestorableBackend })
            Timers.StartPeriodicTimer(CheckTick.Instance, CheckTick.Instance, interval);
    }

    /// <summary>Subscribes to nftables' notifications for the tables native-io writes (again after an attach).</summary>
    private void Watch()
    {
        var tables = ForwardingTables.ToHashSet();
        if (FirewallTable is { } firewall) tables.Add(firewall);
        _watched = tables;
        if (_watch is not null || _repair.Events is not { } events || tables.Count == 0) return;
        var self = Self;
        try
        {
            _watch = events.Subscribe(t => _watched.Contains(t), change => self.Tell(change, ActorRefs.NoSender));
            _log.Debug("Watching nftables tables {Tables} for changes by other processes", string.Join(", ", tables));
        }
#pragma warning disable CA1031 // without notifications director still runs; it only cannot repair
        catch (Exception e)
#pragma warning restore CA1031
        {
            _log.Warning("nftables changes are not watched ({Reason}): a table another process removes stays removed until director's next change to it",
                e.GetBaseException().Message);
        }
    }

    private void StopWatching()
    {
        _watch?.Dispose();
        _watch = null;
    }

    private void ReceiveRepairs(Func<bool> busy)
    {
        Receive<NftTablesChanged>(OnTablesChanged);
        Receive<RepairDue>(_ =>
        {
            _repairScheduled = false;
            if (busy()) _repairDue = true;
            else StartRepair();
        });
        Receive<CheckTick>(_ =>
        {
            if (RepairsOff) return;
            if (busy()) _checkDue = Math.Min(_checkDue + 1, 2);
            else Start(CheckForwarding.Instance, ActorRefs.Nobody);
        });
        Receive<StopRepairs>(_ =>
        {
            if (!_repairsStopped) _log.Info("Kernel table repairs stopped: director is stopping");
            _repairsStopped = true;
            _changes.Clear();
            _repairDue = false;
            _checkDue = 0;
            Timers.Cancel(CheckTick.Instance);
            Sender.Tell(RepairsStopped.Instance);
        });
    }

    private void OnTablesChanged(NftTablesChanged change)
    {
        if (RepairsOff)
        {
            _log.Debug("nftables change by {By} not repaired: director is stopping", change.By);
            return;
        }

        _changes.Add(change);
        if (_repairScheduled) return;
        _repairScheduled = true;
        Timers.StartSingleTimer(RepairDue.Instance, RepairDue.Instance, _repair.Debounce);
    }

    /// <summary>Starts the repair of what the gathered notifications named; false when there is nothing to do.</summary>
    private bool StartRepair()
    {
        _repairDue = false;
        if (_changes.Count == 0 || RepairsOff)
        {
            _changes.Clear();
            return false;
        }

        var forwarding = ForwardingTables;
        var firewall = FirewallTable;
        var touched = _changes.SelectMany(c => c.Tables).ToList();
        var command = new RepairTables(
            touched.Any(t => forwarding.Contains(t.Table)),
            firewall is { } f && touched.Any(t => t.Table == f),
            _changes.Any(c => c.EventsLost),
            _blocked.Value.All,
            _firewallTouched,
            string.Join("; ", _changes.Select(Describe)));
        _changes.Clear();
        Start(command, ActorRefs.Nobody);
        return true;
    }

    private static string Describe(NftTablesChanged change) => change.EventsLost
        ? "lost netlink notifications"
        : $"{string.Join(", ", change.Tables.Select(t => $"{t.Table}: {t.Summary}"))} by {change.By}";

    /// <summary>Called by Next() before anything else: a repair is due (traffic may be failing), or a quiet-moment check.</summary>
    private bool NextRepair(bool quiet)
    {
        if (_repairDue && StartRepair()) return true;
        if (_checkDue > 1 || (_checkDue == 1 && quiet))
        {
            _checkDue = 0;
            if (RepairsOff) return false;
            Start(CheckForwarding.Instance, ActorRefs.Nobody);
            return true;
        }

        return false;
    }

    private static async Task<RepairReport> RepairAsync(ForwardingTable? forwarding, IVipFirewall? firewall, KernelCommand command, WriteDeadline deadline)
    {
        var ct = deadline.Token;
        if (command is CheckForwarding)
            return new RepairReport(forwarding is null ? null : await forwarding.RepairAsync(onlyIfDifferent: true, ct, deadline).ConfigureAwait(false), null, 0, false);

        var r = (RepairTables)command;
        ForwardingRepair? restored = null;
        if (forwarding is not null && (r.Forwarding || r.EventsLost))
            restored = await forwarding.RepairAsync(onlyIfDifferent: !r.Forwarding, ct, deadline).ConfigureAwait(false);

        string? found = null;
        if (firewall is not null && r.FirewallOwned && (r.Firewall || r.EventsLost))
        {
            found = firewall is IVerifiableVipFirewall verifiable
                ? await verifiable.DifferenceAsync(ct).ConfigureAwait(false)
                : r.Firewall ? "changed by another process" : null;
            if (found is not null) await firewall.ApplyAsync(r.Blocked, ct).ConfigureAwait(false);
        }

        return new RepairReport(restored, found, r.Blocked.Count, found is not null);
    }

    /// <summary>Logs and counts a finished repair or check; true when <paramref name="done"/> was one.</summary>
    private bool CompleteRepair(CommandCompleted done)
    {
        var (command, _, outcome) = done;
        if (command is not (RepairTables or CheckForwarding)) return false;
        var cause = command is RepairTables r ? r.Cause : "periodic read-back";
        if (outcome.Error is not null)
        {
            _failures++;
            var repeated = command is CheckForwarding && _lastCheckFailed;
            _lastCheckFailed = command is CheckForwarding;
            if (repeated) _log.Debug("Kernel {Command} failed again: {Reason}", command.Kind, outcome.Error);
            else _log.Warning("Kernel {Command} failed: {Reason} (errno {Errno}) after {LatencyMs} ms; cause: {Cause}",
                command.Kind, outcome.Error, outcome.Errno, outcome.Latency.TotalMilliseconds, cause);
            return true;
        }

        if (command is CheckForwarding) _lastCheckFailed = false;
        var report = outcome.Repair;
        if (report is null || !report.Written)
        {
            // The periodic check finds nothing nearly always: not logged every interval.
            if (command is RepairTables)
                _log.Debug("Kernel {Command} found nothing to restore ({Cause}) in {LatencyMs} ms", command.Kind, cause, outcome.Latency.TotalMilliseconds);
            return true;
        }

        _writes++;
        _lastLatency = outcome.Latency;
        _totalLatency += outcome.Latency;
        if (report.Forwarding is { Written: true } f)
        {
            _forwardingRepairs++;
            _log.Warning("Forwarding table ({Backend}) restored after {Cause}: read back {Found}; wrote back {Restored} services in {LatencyMs} ms",
                _forwarding?.BackendName, cause, f.Found(), f.Restored, outcome.Latency.TotalMilliseconds);
        }

        if (report.FirewallWritten)
        {
            _firewallRepairs++;
            _log.Warning("VIP firewall table {Table} restored after {Cause}: read back {Found}; re-installed {Blocked} blocked VIPs in {LatencyMs} ms",
                FirewallTable?.ToString(), cause, report.FirewallFound, report.FirewallRestored, outcome.Latency.TotalMilliseconds);
        }

        return true;
    }

    private sealed record RepairDue
    {
        public static readonly RepairDue Instance = new();
    }

    private sealed record CheckTick
    {
        public static readonly CheckTick Instance = new();
    }
}
