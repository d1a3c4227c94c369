using System.Diagnostics;
using Akka.Actor;
using Akka.Event;
using Director.Actors.Supervision;
using Director.Core.Balancing;
using Director.Core.Vrrp.Firewall;
using Director.Native.Conntrack;

namespace Director.Actors.Native;

/// <summary>
/// <c>native-io</c>: the only writer to the kernel. Carries out one <see cref="KernelCommand"/> at a
/// time, in arrival order (later ones are stashed until the current one completes), answers the
/// sender, logs failures and keeps counters (<see cref="GetNativeIoStats"/>). A command that takes
/// longer than the per-command timeout is cancelled and answered as failed.
/// With a backend that approximates connection-aware schedulers (<see cref="IRebalancingBackend"/>),
/// it also runs <see cref="RebalanceForwarding"/> every rebalance interval while such a service is
/// installed: serialized with the other commands, waiting for a quiet moment but never more than one
/// extra interval, and counted like any other write.
/// With a VIP firewall (<see cref="IVipFirewall"/>), it keeps the VIPs each instance blocks
/// (<see cref="BlockVips"/>, <see cref="UnblockVips"/>) and installs their union, the whole table
/// in one transaction per change; the table goes when nothing is blocked and when native-io stops.
/// It restores those tables when another process changes them (NativeIoActor.Repair.cs).
/// </summary>
public sealed partial class NativeIoActor : ReceiveActor, IWithStash, IWithTimers
{
    public const string Name = "native-io";

    private readonly IKernelNetwork _kernel;
    private readonly IVipFirewall? _firewall;
    // What each instance blocks; the Props hand it to every incarnation, so a restart keeps it.
    private readonly SurvivingValue<VipFirewallState> _blocked;
    // The first firewall command always writes: it clears what a crashed run may have left.
    private bool _firewallTouched;
    private bool _restarting;
    private ForwardingTable? _forwarding;
    private readonly TimeSpan _commandTimeout;
    private readonly TimeSpan _rebalanceInterval;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private long _writes;
    private long _failures;
    private TimeSpan _totalLatency;
    private TimeSpan _lastLatency;
    private int _stashed;
    private readonly List<(UpdateForwarding Command, IActorRef ReplyTo)> _batch = [];
    private bool _lastWasBatch;

    // Rebalance ticks seen while busy: 1 waits for a quiet moment, 2 (a whole interval later) goes next.
    private int _rebalanceDue;
    private bool _lastRebalanceFailed;

    public IStash Stash { get; set; } = null!;

    public ITimerScheduler Timers { get; set; } = null!;

    public NativeIoActor(IKernelNetwork kernel, TimeSpan commandTimeout, IForwardingBackend? forwarding = null, TimeSpan? rebalanceInterval = null,
        IVipFirewall? firewall = null, SurvivingValue<VipFirewallState>? blocked = null, TableRepairSettings? repair = null)
    {
        _kernel = kernel;
        _repair = repair ?? new TableRepairSettings();
        _firewall = firewall;
        _blocked = blocked ?? new SurvivingValue<VipFirewallState>(VipFirewallState.Empty);
        _forwarding = forwarding is null ? null : NewForwardingTable(forwarding);
        _commandTimeout = commandTimeout;
        _rebalanceInterval = rebalanceInterval ?? DefaultRebalanceInterval;
        if (_rebalanceInterval <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(rebalanceInterval), "the rebalance interval must be positive");
        Idle();
    }

    /// <summary>How often lc/wlc/sed/nq services are re-slotted from live connection counts unless configured.</summary>
    public static readonly TimeSpan DefaultRebalanceInterval = TimeSpan.FromSeconds(1);

    /// <param name="forwarding">The load-balancing data plane (nftables or IPVS); null: forwarding commands fail.</param>
    /// <param name="rebalanceInterval">Period of <see cref="RebalanceForwarding"/> (default 1 s); used only with an <see cref="IRebalancingBackend"/>.</param>
    /// <param name="firewall">Where VIPs of instances without accept mode are blocked; null: <see cref="BlockVips"/> fails.</param>
    /// <param name="repair">How changes of director's tables by other processes are noticed; null: they are not.</param>
    public static Props Props(IKernelNetwork kernel, TimeSpan? commandTimeout = null, IForwardingBackend? forwarding = null, TimeSpan? rebalanceInterval = null,
        IVipFirewall? firewall = null, TableRepairSettings? repair = null)
    {
        var blocked = new SurvivingValue<VipFirewallState>(VipFirewallState.Empty);
        return Akka.Actor.Props.Create(() => new NativeIoActor(kernel, commandTimeout ?? TimeSpan.FromSeconds(5), forwarding, rebalanceInterval, firewall, blocked, repair));
    }

    protected override void PreStart()
    {
        if (_forwarding is not null) StartRebalancing(_forwarding.Backend);
        StartRepairs();
        // As keepalived at start: a drop table left by a run that died goes, even when no instance
        // of this configuration blocks anything (the first firewall command always writes).
        if (_firewall is not null) Self.Tell(new UnblockVips(StartInstance), ActorRefs.Nobody);
    }

    // Not PreStart again: the drop rules of the running instances stay through a restart.
    protected override void PostRestart(Exception reason)
    {
        if (_forwarding is not null) StartRebalancing(_forwarding.Backend);
        StartRepairs();
    }

    private const string StartInstance = "(start)";

    protected override void PreRestart(Exception reason, object message)
    {
        // The drop rules stay through a restart: lifting them would let traffic in until the next change.
        _restarting = true;
        base.PreRestart(reason, message);
    }

    protected override void PostStop()
    {
        StopWatching();
        if (_restarting || _firewall is null || !_firewallTouched) return;
        try
        {
            if (!_firewall.ApplyAsync([], CancellationToken.None).Wait(_commandTimeout))
                _log.Warning("VIP firewall table not removed at stop: timed out after {Timeout}", _commandTimeout);
        }
#pragma warning disable CA1031 // a stopping actor only reports
        catch (Exception e)
#pragma warning restore CA1031
        {
            _log.Warning("VIP firewall table not removed at stop: {Reason}", e.GetBaseException().Message);
        }
    }

    private void StartRebalancing(IForwardingBackend backend)
    {
        if (backend is IRebalancingBackend) Timers.StartPeriodicTimer(RebalanceTick.Instance, RebalanceTick.Instance, _rebalanceInterval);
    }

    // A reload that adds the first virtual_server gives native-io its data plane; commands already
    // running captured the old (null) table, so nothing in flight sees the switch.
    private void Attach(AttachForwarding m)
    {
        if (_forwarding is not null)
        {
            Sender.Tell(new ForwardingAttached(false, $"native-io already has the {_forwarding.BackendName} backend"));
            return;
        }

        _forwarding = NewForwardingTable(m.Backend);
        StartRebalancing(m.Backend);
        StartRepairs();
        Sender.Tell(new ForwardingAttached(true, null));
    }

    private ForwardingTable NewForwardingTable(IForwardingBackend backend) => new(backend, LogOutdated);

    // Runs on the command's thread: the logging adapter only publishes to the event stream.
    private void LogOutdated(IReadOnlyList<OutdatedForwardingTable> tables)
    {
        foreach (var t in tables)
        {
            _log.Warning("Forwarding table {Family} {Table} read back in another layout (marker {FoundMarker}): {Reason}; the next forwarding change replaces it whole in one transaction",
                t.Family, t.Table, t.FoundMarker ?? "none", t.Reason);
        }
    }

    private void Idle()
    {
        Receive<RebalanceTick>(_ =>
        {
            if (_forwarding?.NeedsRebalance == true) Start(RebalanceForwarding.Instance, ActorRefs.Nobody);
        });
        Receive<GetNativeIoStats>(_ => ReplyStats());
        Receive<GetForwardingTable>(_ => ReplyForwarding());
        Receive<GetActiveConnections>(_ => ReplyActiveConnections());
        Receive<AttachForwarding>(Attach);
        ReceiveRepairs(() => false);
        Receive<CommandCompleted>(Complete);
        Receive<KernelCommand>(Execute);
    }

    private void Busy()
    {
        Receive<RebalanceTick>(_ =>
        {
            if (_forwarding?.NeedsRebalance == true) _rebalanceDue = Math.Min(_rebalanceDue + 1, 2);
        });
        Receive<GetNativeIoStats>(_ => ReplyStats());
        Receive<GetForwardingTable>(_ => ReplyForwarding());
        Receive<GetActiveConnections>(_ => ReplyActiveConnections());
        Receive<AttachForwarding>(Attach);
        ReceiveRepairs(() => true);
        Receive<CommandCompleted>(c =>
        {
            Complete(c);
            Next();
        });
        // Forwarding updates that arrive while busy are merged into one batch: one table diff and
        // one transaction for all of them, applied in arrival order.
        Receive<UpdateForwarding>(c => _batch.Add((c, Sender)));
        Receive<KernelCommand>(_ =>
        {
            _stashed++;
            Stash.Stash();
        });
    }

    /// <summary>
    /// After a command: the pending forwarding batch, unless the last command was a batch and
    /// other commands wait (then one of those first, so a flood of table changes never holds
    /// back a VIP change for more than one batch).
    /// </summary>
    private void Next()
    {
        if (NextRepair(quiet: _batch.Count == 0 && _stashed == 0 && _rebalanceDue == 0)) return;
        if (_rebalanceDue > 1 || (_rebalanceDue == 1 && _batch.Count == 0 && _stashed == 0))
        {
            _rebalanceDue = 0;
            Start(RebalanceForwarding.Instance, ActorRefs.Nobody);
            return;
        }

        var lastWasBatch = _lastWasBatch;
        _lastWasBatch = false;
        if (_batch.Count > 0 && (_stashed == 0 || !lastWasBatch))
        {
            var batch = new ForwardingBatch(_batch.Select(b => b.Command).ToArray(), _batch.Select(b => b.ReplyTo).ToArray());
            _batch.Clear();
            _lastWasBatch = true;
            Start(batch, ActorRefs.Nobody);
            return;
        }

        Become(Idle);
        if (_stashed > 0)
        {
            _stashed--;
            Stash.Unstash();
        }
    }

    private void Execute(KernelCommand command) => Start(command, Sender);

    private void Start(KernelCommand command, IActorRef replyTo)
    {
        var kernel = _kernel;
        var forwarding = _forwarding;
        var timeout = _commandTimeout;
        var firewall = FirewallTarget(command);
        RunAsync(kernel, forwarding, firewall, _firewall, command, timeout).PipeTo(Self, success: outcome => new CommandCompleted(command, replyTo, outcome));
        Become(Busy);
    }

    /// <summary>
    /// For a firewall command: the new union to install, or null when it is unchanged (nothing to
    /// write). Updated here, on the actor's thread, so later commands build on it; a failed write
    /// is repaired by the next one, which installs the whole table again.
    /// </summary>
    private FirewallWrite? FirewallTarget(KernelCommand command)
    {
        var next = command switch
        {
            BlockVips b => _blocked.Value.Block(b.Instance, b.Vips),
            UnblockVips u => _blocked.Value.Unblock(u.Instance),
            _ => null,
        };
        if (next is null) return null;
        var before = _blocked.Value.All;
        _blocked.Value = next;
        var after = next.All;
        if (before.SequenceEqual(after) && (_firewallTouched || _firewall is null)) return new FirewallWrite(_firewall, null);
        _firewallTouched = true;
        return new FirewallWrite(_firewall, after);
    }

    private static async Task<Outcome> RunAsync(IKernelNetwork kernel, ForwardingTable? forwarding, FirewallWrite? firewall, IVipFirewall? vipFirewall,
        KernelCommand command, TimeSpan timeout)
    {
        using var deadline = new WriteDeadline(timeout);
        var clock = Stopwatch.StartNew();
        try
        {
            if (command is RepairTables or CheckForwarding)
            {
                var report = await RepairAsync(forwarding, vipFirewall, command, deadline).ConfigureAwait(false);
                return new Outcome(clock.Elapsed, null, null, null, false, report);
            }
            var listed = firewall is not null
                ? await ApplyFirewall(firewall, deadline.Token).ConfigureAwait(false)
                : await Dispatch(kernel, forwarding, command, deadline).ConfigureAwait(false);
            return new Outcome(clock.Elapsed, listed, null, null, false);
        }
        catch (KernelException e) when (KernelErrorPolicy.IsAlreadyInPlace(command, e.Errno))
        {
            return new Outcome(clock.Elapsed, null, null, null, true);
        }
        catch (KernelException e)
        {
            return new Outcome(clock.Elapsed, null, e.Message, e.Errno, false);
        }
        catch (OperationCanceledException) when (deadline.Expired)
        {
            return new Outcome(clock.Elapsed, null, $"timed out after {deadline.Limit.TotalSeconds:0.###} s", null, false);
        }
#pragma warning disable CA1031 // any failure of the port becomes a failure reply, never a crash of the only writer
        catch (Exception e)
#pragma warning restore CA1031
        {
            return new Outcome(clock.Elapsed, null, $"{e.GetType().Name}: {e.Message}", null, false);
        }
    }

    private static async Task<IReadOnlyList<KernelInterfaceAddress>?> Dispatch(
        IKernelNetwork k, ForwardingTable? forwarding, KernelCommand command, WriteDeadline deadline)
    {
        var ct = deadline.Token;
        switch (command)
        {
            case UpdateForwarding c: await RequireForwarding(forwarding).UpdateAsync([c], ct, deadline).ConfigureAwait(false); break;
            case ForwardingBatch c: await RequireForwarding(forwarding).UpdateAsync(c.Commands, ct, deadline).ConfigureAwait(false); break;
            case PruneForwarding c: await RequireForwarding(forwarding).PruneAsync(c, ct, deadline).ConfigureAwait(false); break;
            case RebalanceForwarding: await RequireForwarding(forwarding).RebalanceAsync(ct).ConfigureAwait(false); break;
            case AddAddress c: await k.AddAddressAsync(c.Address, ct).ConfigureAwait(false); break;
            case DeleteAddress c: await k.DeleteAddressAsync(c.Address, ct).ConfigureAwait(false); break;
            case ListAddresses c: return await k.ListAddressesAsync(c.Interface, ct).ConfigureAwait(false);
            case AddRoute c: await k.AddRouteAsync(c.Route, ct).ConfigureAwait(false); break;
            case DeleteRoute c: await k.DeleteRouteAsync(c.Route, ct).ConfigureAwait(false); break;
            case SendGratuitousArp c: await k.SendGratuitousArpAsync(c.Interface, c.Address, c.SourceMac, ct).ConfigureAwait(false); break;
            case SendUnsolicitedNeighbourAdvert c: await k.SendUnsolicitedNeighbourAdvertAsync(c.Interface, c.Address, ct).ConfigureAwait(false); break;
            case CreateVmac c: await k.CreateVmacAsync(c.Vmac, ct).ConfigureAwait(false); break;
            case DeleteVmac c: await k.DeleteVmacAsync(c.Name, ct).ConfigureAwait(false); break;
            default: throw new NotSupportedException($"unknown kernel command {command.GetType().Name}");
        }
        return null;
    }

    private static async Task<IReadOnlyList<KernelInterfaceAddress>?> ApplyFirewall(FirewallWrite write, CancellationToken ct)
    {
        if (write.Blocked is null) return null;
        var firewall = write.Firewall ?? throw new NotSupportedException("native-io has no VIP firewall");
        await firewall.ApplyAsync(write.Blocked, ct).ConfigureAwait(false);
        return null;
    }

    private static ForwardingTable RequireForwarding(ForwardingTable? forwarding) =>
        forwarding ?? throw new NotSupportedException("native-io has no forwarding backend");

    private void ReplyForwarding() =>
        Sender.Tell(new ForwardingTableSnapshot(_forwarding?.BackendName, _forwarding?.Current ?? Director.Core.Balancing.DesiredTable.Empty));

    // Read off the actor's thread (the conntrack table can be large; IPVS answers one dump per
    // service) and not as a serialized command: a status read never waits behind a forwarding batch.
    // It cannot collide with a write either: IPVS reads on a socket of their own, conntrack is a file.
    private void ReplyActiveConnections()
    {
        if (ConnectionSourceOf(_forwarding) is not { } source)
        {
            Sender.Tell(ActiveConnectionsSnapshot.None);
            return;
        }

        ReadConnectionsAsync(source, _commandTimeout, _log).PipeTo(Sender);
    }

    private static IActiveConnectionSource? ConnectionSourceOf(ForwardingTable? forwarding) => forwarding switch
    {
        { Backend: IActiveConnectionSource source } => source,
        { BackendName: "nftables" } => new ConntrackConnectionSource(() => forwarding.Current),
        _ => null,
    };

    private static async Task<ActiveConnectionsSnapshot> ReadConnectionsAsync(IActiveConnectionSource source, TimeSpan timeout, ILoggingAdapter log)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            var counts = await Task.Run(() => source.ReadActiveConnectionsAsync(cts.Token), cts.Token).WaitAsync(cts.Token).ConfigureAwait(false);
            return new ActiveConnectionsSnapshot(counts);
        }
#pragma warning disable CA1031 // a failed read shows 0 connections; it must not fail the status view
        catch (Exception e)
#pragma warning restore CA1031
        {
            log.Warning("Reading active connections failed: {Reason}", e is OperationCanceledException ? $"timed out after {timeout.TotalSeconds:0.###} s" : e.Message);
            return ActiveConnectionsSnapshot.None;
        }
    }

    private void Complete(CommandCompleted done)
    {
        if (CompleteRepair(done)) return;
        var (command, replyTo, outcome) = done;
        _writes++;
        _lastLatency = outcome.Latency;
        _totalLatency += outcome.Latency;
        if (command is ForwardingBatch batch)
        {
            for (var i = 0; i < batch.Commands.Count; i++)
                Complete(new CommandCompleted(batch.Commands[i], batch.ReplyTo[i], outcome));
            _writes -= batch.Commands.Count - 1;
            return;
        }

        if (command is RebalanceForwarding)
        {
            // Every interval: a lasting failure is logged when it starts, not once a second.
            var repeated = _lastRebalanceFailed && outcome.Error is not null;
            _lastRebalanceFailed = outcome.Error is not null;
            if (repeated)
            {
                _failures++;
                _log.Debug("Kernel {Command} failed again: {Reason}", command.Kind, outcome.Error);
                return;
            }
        }

        if (outcome.Error is not null)
        {
            _failures++;
            _log.Warning("Kernel {Command} failed: {Reason} (errno {Errno}) after {LatencyMs} ms: {Detail}",
                command.Kind, outcome.Error, outcome.Errno, outcome.Latency.TotalMilliseconds, command);
            replyTo.Tell(new KernelWriteFailed(command, outcome.Error, outcome.Errno));
            return;
        }
        _log.Debug("Kernel {Command} done in {LatencyMs} ms{AlreadyInPlace}: {Detail}",
            command.Kind, outcome.Latency.TotalMilliseconds, outcome.AlreadyInPlace ? " (already in place)" : "", command);
        if (command is ListAddresses list)
            replyTo.Tell(new KernelAddressesListed(list.Interface, outcome.Listed ?? [], outcome.Latency));
        else
            replyTo.Tell(new KernelWriteSucceeded(command, outcome.Latency, outcome.AlreadyInPlace));
    }

    private void ReplyStats() =>
        Sender.Tell(new NativeIoStats(_writes, _failures, _totalLatency, _lastLatency, _stashed + _batch.Count)
        {
            ForwardingRepairs = _forwardingRepairs,
            FirewallRepairs = _firewallRepairs,
        });

    /// <summary>A firewall command's write: the whole union to install, or null for nothing to do.</summary>
    private sealed record FirewallWrite(IVipFirewall? Firewall, IReadOnlyList<BlockedVip>? Blocked);

    private sealed record Outcome(TimeSpan Latency, IReadOnlyList<KernelInterfaceAddress>? Listed, string? Error, int? Errno, bool AlreadyInPlace, RepairReport? Repair = null);

    /// <summary>Forwarding updates merged while native-io was busy; each sender gets its own reply.</summary>
    private sealed record ForwardingBatch(IReadOnlyList<UpdateForwarding> Commands, IReadOnlyList<IActorRef> ReplyTo) : KernelCommand
    {
        public override string Kind => "update-forwarding";

        public override string ToString() => $"{Commands.Count} forwarding updates";
    }

    private sealed record RebalanceTick
    {
        public static readonly RebalanceTick Instance = new();
    }

    private sealed record CommandCompleted(KernelCommand Command, IActorRef ReplyTo, Outcome Outcome);
}
