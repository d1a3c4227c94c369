using System.Net;
using System.Net.Sockets;
using Akka.Actor;
using Akka.Event;
using Director.Actors.Links;
using Director.Actors.Native;
using Director.Actors.Scripts;
using Director.Actors.Supervision;
using Director.Actors.Sync;
using Director.Core.Vrrp;
using Director.Core.Vrrp.Firewall;
using Director.Core.Vrrp.Sync;

namespace Director.Actors.Vrrp;

/// <summary>
/// One vrrp_instance: feeds events to the pure <see cref="VrrpStateMachine"/> and carries out its
/// actions. Adverts go to the socket directly; every kernel change goes through native-io.
/// </summary>
public sealed class VrrpInstanceActor : ReceiveActor, IWithTimers
{
    // A reload may update the settings in place; the surviving copy is what a restart starts from.
    private readonly SurvivingValue<VrrpInstanceSettings> _surviving;
    private VrrpInstanceSettings _settings;
    private readonly IVrrpSender _sender;
    private readonly IActorRef _nativeIo;
    private readonly VrrpInstanceLinks _links;
    private readonly IScriptRunner _scripts;
    private readonly Func<Instant> _clock;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly VrrpCounters _counters;
    private VrrpInstanceState _state;
    private InstanceTracking _tracking;
    private bool _wantMaster;
    // A state the sync group ordered is not reported back: the group counts only members' own
    // states (a member forced to FAULT reporting FAULT would keep the group in FAULT for ever).
    private bool _enteringByOrder;
    private IActorRef? _releaseRequester;
    private bool _restarted;
    private VrrpState _lastNotified = VrrpState.Init;
    private readonly PreciseTimers _timers;
    private readonly HashSet<string> _awaitingLinks = new(StringComparer.Ordinal);
    private static readonly TimeSpan LinkStateWait = TimeSpan.FromSeconds(1);

    /// <summary>Akka's timers, for slow housekeeping only; protocol timers are <see cref="PreciseTimers"/>.</summary>
    public ITimerScheduler Timers { get; set; } = null!;

    public VrrpInstanceActor(
        SurvivingValue<VrrpInstanceSettings> surviving,
        VrrpCounters counters,
        IVrrpSender sender,
        IActorRef nativeIo,
        VrrpInstanceLinks links,
        IScriptRunner scripts,
        Func<Instant>? clock = null)
    {
        _surviving = surviving;
        _counters = counters;
        var settings = surviving.Value;
        _settings = settings;
        _sender = sender;
        _nativeIo = nativeIo;
        _links = links;
        _scripts = scripts;
        _clock = clock ?? MonotonicClock.Now;
        _state = VrrpInstanceState.Create(settings.Machine);
        _timers = new PreciseTimers(Self);
        _tracking = InstanceTracking.Create(settings.Machine.BasePriority, settings.Tracking, settings.ApplyTrackingWeights);

        Receive<VrrpDatagram>(OnDatagram);
        Receive<VrrpTimerFired>(OnTimer);
        Receive<ForceState>(OnForceState);
        Receive<ScriptStateChanged>(s => OnTracking(_tracking.WithScript(s.Name, s.Ok)));
        Receive<LinkStateChanged>(OnLinkState);
        Receive<StartWithKnownLinks>(_ => StartFresh());
        Receive<KernelAddressesListed>(OnKernelAddresses);
        Receive<KernelWriteSucceeded>(_ => { });
        Receive<KernelWriteFailed>(f => _log.Warning("{Instance}: kernel write {Command} failed: {Reason}", _settings.Name, f.Command, f.Reason));
        Receive<ReleaseVrrp>(_ => OnRelease());
        Receive<UpdateVrrpInstance>(u => OnUpdate(u.Update));
        Receive<GetVrrpInstanceStatus>(_ => Sender.Tell(Status()));
        Receive<NotifyFinished>(n =>
        {
            if (!n.Result.Success)
                _log.Warning("{Instance}: notify {Command} ended {Outcome} ({ExitCode}) {Error}", _settings.Name, n.Command, n.Result.Outcome, n.Result.ExitCode, n.Result.Error);
        });
    }

    public static Props Props(VrrpInstanceSettings settings, IVrrpSender sender, IActorRef nativeIo,
        VrrpInstanceLinks links, IScriptRunner scripts, Func<Instant>? clock = null)
    {
        var surviving = new SurvivingValue<VrrpInstanceSettings>(settings);
        var counters = new VrrpCounters();
        return Akka.Actor.Props.Create(() => new VrrpInstanceActor(surviving, counters, sender, nativeIo, links, scripts, clock));
    }

    protected override void PreStart()
    {
        WarmUpReceivePath();
        foreach (var script in _links.Scripts)
            script.Tell(new SubscribeScript(Self));
        _links.LinkMonitor?.Tell(new SubscribeLinks(Self, _settings.Tracking.Where(t => t.Kind == TrackedKind.Interface).Select(t => t.Name).ToList()));
        _links.SyncGroup?.Tell(new RegisterSyncMember(_settings.Name, Self));

        if (_restarted)
        {
            // After a crash of this actor the kernel still holds what the last incarnation did:
            // read it and resume instead of dropping VIPs as a fresh start would.
            _nativeIo.Tell(new ListAddresses(_settings.Interface));
            return;
        }
        // Start only once the tracked links' states are known, so that a link that is up does not
        // cause a FAULT -> BACKUP blip at start; a link the monitor does not know is waited for 1 s.
        if (_links.LinkMonitor is not null)
            _awaitingLinks.UnionWith(_settings.Tracking.Where(t => t.Kind == TrackedKind.Interface).Select(t => t.Name));
        if (_awaitingLinks.Count == 0)
            StartFresh();
        else
            Timers.StartSingleTimer(StartWithKnownLinks.Instance, StartWithKnownLinks.Instance, LinkStateWait);
    }

    /// <summary>
    /// Runs the codec, the receive checks and the state machine once on a made-up advert (result
    /// discarded) before the master down timer is armed: on a cold start the first real adverts
    /// otherwise pay for JIT and type loading, and on a loaded host that can outlast a 0.1 s
    /// master down interval (seen as a BACKUP taking over from a live master right after start).
    /// </summary>
    private void WarmUpReceivePath()
    {
        var machine = _settings.Machine;
        var v6 = _settings.Receive.Family == AddressFamily.InterNetworkV6;
        var source = v6 ? IPAddress.Parse("fe80::1") : IPAddress.Parse("192.0.2.1");
        var destination = _settings.Destinations.FirstOrDefault(d => d.AddressFamily == source.AddressFamily)
            ?? (v6 ? IPAddress.Parse("ff02::12") : IPAddress.Parse("224.0.0.18"));
        var packet = VrrpPacket.Advertisement(machine.Version, machine.Vrid, 100, _settings.Receive.VirtualAddresses,
            machine.AdvertInterval, _settings.Receive.AuthType, _settings.Receive.Password);
        var result = v6
            ? VrrpReceiveValidator.ValidateIpv6(VrrpPacketCodec.Encode(packet, source, destination), 255, source, destination, ReceiveSettings())
            : VrrpReceiveValidator.ValidateIpv4(VrrpPacketCodec.EncodeIpv4Datagram(packet, source, destination, 0), ReceiveSettings());
        if (result.Advert is { } advert)
            _ = VrrpStateMachine.Handle(_state, VrrpEvent.AdvertReceived.From(advert), _clock());
    }

    private void StartFresh()
    {
        if (_state.State != VrrpState.Init || _restarted)
            return;
        _awaitingLinks.Clear();
        ApplyInitialTracking();
        Handle(new VrrpEvent.Startup());
    }

    private void OnLinkState(LinkStateChanged link)
    {
        OnTracking(_tracking.WithInterface(link.Interface, link.Up));
        if (_awaitingLinks.Remove(link.Interface) && _awaitingLinks.Count == 0)
            StartFresh();
    }

    protected override void PostStop() => _timers.Dispose();

    protected override void PostRestart(Exception reason)
    {
        _restarted = true;
        _log.Warning("{Instance}: restarted after {Error}; reconciling with the kernel", _settings.Name, reason.Message);
        base.PostRestart(reason);
    }

    private void OnKernelAddresses(KernelAddressesListed listed)
    {
        if (!_restarted || _state.State != VrrpState.Init)
            return;
        var present = listed.Addresses.Select(a => a.Address).ToHashSet();
        var wasMaster = _settings.Vips.Count > 0 && _settings.Vips.All(v => present.Contains(v.Address));
        ApplyInitialTracking();
        var start = VrrpStateMachine.Handle(_state, new VrrpEvent.Startup(), _clock());
        _state = start.Next;
        Execute(wasMaster ? start.Actions.Where(a => a is not VrrpAction.RemoveVips) : start.Actions);
        if (wasMaster && _state.State == VrrpState.Backup)
        {
            _log.Info("{Instance}: VIPs found in place after restart: resuming as MASTER", _settings.Name);
            Handle(new VrrpEvent.SyncGroupForce(VrrpState.Master));
        }
    }

    private void ApplyInitialTracking()
    {
        var result = _tracking.Evaluate();
        if (result.Fault)
            _state = VrrpStateMachine.Handle(_state, new VrrpEvent.InterfaceDown(), _clock()).Next;
        if (result.Priority != _state.EffectivePriority)
            _state = VrrpStateMachine.Handle(_state, new VrrpEvent.PriorityChanged((byte)result.Priority), _clock()).Next;
    }

    private void OnDatagram(VrrpDatagram datagram)
    {
        var result = _settings.Receive.Family == AddressFamily.InterNetworkV6
            ? VrrpReceiveValidator.ValidateIpv6(datagram.Data, datagram.HopLimit, datagram.Source, datagram.Destination, ReceiveSettings())
            : VrrpReceiveValidator.ValidateIpv4(datagram.Data, ReceiveSettings());
        if (result.Advert is not { } advert)
        {
            var reason = result.DropReason!.Value;
            _counters.CountDrop(reason);
            if (reason == VrrpDropReason.AdvertIntervalMismatch)
                _log.Warning("{Instance}: advert interval mismatch from {Source}: dropped (keepalived does the same)", _settings.Name, datagram.Source);
            else
                _log.Debug("{Instance}: dropped advert from {Source}: {Reason}", _settings.Name, datagram.Source, reason);
            return;
        }
        _counters.CountReceived();
        var before = _state.State;
        var transition = Handle(VrrpEvent.AdvertReceived.From(advert));
        if (_wantMaster && before == VrrpState.Backup && transition.Any(a => a is VrrpAction.SetTimer { Timer: VrrpTimerKind.MasterDown }))
        {
            // A master showed up while the sync group was deciding: withdraw the claim.
            _wantMaster = false;
            _links.SyncGroup?.Tell(new MemberStateChanged(_settings.Name, SyncMemberState.Backup, _state.EffectivePriority));
        }
    }

    private VrrpReceiveSettings ReceiveSettings() =>
        _settings.Receive with { AdvertInterval = _settings.Machine.Version == VrrpVersion.V3 ? _state.MasterAdvertInterval : _settings.Receive.AdvertInterval };

    private void OnTimer(VrrpTimerFired fired)
    {
        if (!_timers.IsCurrent(fired))
            return;
        if (fired.Timer == VrrpTimerKind.MasterDown && _links.SyncGroup is { } group && _state.State == VrrpState.Backup)
        {
            if (_state.MasterDownAt is { } at && _clock() < at)
            {
                Handle(new VrrpEvent.MasterDownTimerExpired());
                return;
            }
            // In a sync group the members go MASTER together: claim and wait for the group's order.
            if (!_wantMaster)
            {
                _wantMaster = true;
                group.Tell(new MemberStateChanged(_settings.Name, SyncMemberState.WantMaster, _state.EffectivePriority));
            }
            return;
        }
        Handle(fired.Timer switch
        {
            VrrpTimerKind.MasterDown => new VrrpEvent.MasterDownTimerExpired(),
            VrrpTimerKind.Advert => new VrrpEvent.AdvertTimerExpired(),
            VrrpTimerKind.GarpDelay => new VrrpEvent.GarpDelayExpired(),
            _ => new VrrpEvent.GarpRefreshExpired(),
        });
    }

    private void OnForceState(ForceState force)
    {
        _wantMaster = false;
        var target = force.State switch
        {
            SyncGroupState.Master => VrrpState.Master,
            SyncGroupState.Fault => VrrpState.Fault,
            _ => VrrpState.Backup,
        };
        if (target == _state.State)
            return;
        _enteringByOrder = true;
        try
        {
            Handle(new VrrpEvent.SyncGroupForce(target));
        }
        finally
        {
            _enteringByOrder = false;
        }
    }

    private void OnTracking(InstanceTracking next)
    {
        var before = _tracking.Evaluate();
        _tracking = next;
        var after = _tracking.Evaluate();
        if (_state.State == VrrpState.Init)
            return;
        if (after.Priority != before.Priority)
            Handle(new VrrpEvent.PriorityChanged((byte)after.Priority));
        if (after.Fault && !before.Fault)
        {
            _log.Warning("{Instance}: entering FAULT: {Reasons}", _settings.Name, string.Join(", ", after.FaultReasons));
            Handle(new VrrpEvent.InterfaceDown());
        }
        else if (!after.Fault && before.Fault)
            Handle(new VrrpEvent.InterfaceUp());
    }

    private void OnRelease()
    {
        _releaseRequester = Sender;
        if (_settings.ReleaseOnStop)
            Handle(new VrrpEvent.Shutdown());
        else
        {
            _timers.CancelAll();
            _state = _state with { State = VrrpState.Stop };
        }
        // native-io answers in order: a listing queued after our deletes means they are done.
        _nativeIo.Tell(new ListAddresses(_settings.Interface));
        Become(Releasing);
    }

    private void Releasing()
    {
        Receive<KernelAddressesListed>(_ =>
        {
            _releaseRequester?.Tell(new VrrpReleased(_settings.Name));
            Context.Stop(Self);
        });
        Receive<KernelWriteSucceeded>(_ => { });
        Receive<KernelWriteFailed>(f => _log.Warning("{Instance}: kernel write {Command} failed while releasing: {Reason}", _settings.Name, f.Command, f.Reason));
        Receive<GetVrrpInstanceStatus>(_ => Sender.Tell(Status()));
        ReceiveAny(_ => { });
    }

    private IReadOnlyList<VrrpAction> Handle(VrrpEvent @event)
    {
        var transition = VrrpStateMachine.Handle(_state, @event, _clock());
        _state = transition.Next;
        Execute(transition.Actions);
        return transition.Actions;
    }

    private void Execute(IEnumerable<VrrpAction> actions)
    {
        foreach (var action in actions)
        {
            switch (action)
            {
                case VrrpAction.SendAdvert advert:
                    SendAdvert(advert.Priority);
                    break;
                case VrrpAction.AddVips add:
                    // keepalived sets the drop rules before the addresses: no packet reaches a VIP unblocked.
                    if (add.BlockTraffic)
                        _nativeIo.Tell(new BlockVips(_settings.Name, BlockedVips()));
                    foreach (var vip in _settings.Vips)
                        _nativeIo.Tell(new AddAddress(vip));
                    foreach (var route in _settings.Routes)
                        _nativeIo.Tell(new AddRoute(route));
                    break;
                case VrrpAction.RemoveVips:
                    foreach (var route in _settings.Routes)
                        _nativeIo.Tell(new DeleteRoute(route));
                    foreach (var vip in _settings.Vips)
                        _nativeIo.Tell(new DeleteAddress(vip));
                    if (_settings.Machine.BlocksVipTraffic)
                        _nativeIo.Tell(new UnblockVips(_settings.Name));
                    break;
                case VrrpAction.SendGratuitousArp garp:
                    Announce(_settings.Vips, garp.Repeat);
                    break;
                case VrrpAction.SetTimer set:
                    _timers.Start(set.Timer, set.At - _clock());
                    break;
                case VrrpAction.CancelTimer cancel:
                    _timers.Cancel(cancel.Timer);
                    break;
                case VrrpAction.Notify notify:
                    OnEntered(notify.State, notify.Priority);
                    break;
                case VrrpAction.Log log:
                    _log.Debug("{Instance}: {Message}", _settings.Name, log.Message);
                    break;
            }
        }
    }

    private List<BlockedVip> BlockedVips() =>
        _settings.Vips.Select(v => new BlockedVip(v.Address, v.Interface)).ToList();

    private void Announce(IReadOnlyList<VipAddressSpec> vips, int repeat)
    {
        for (var i = 0; i < repeat; i++)
            foreach (var vip in vips)
                _nativeIo.Tell(vip.Address.AddressFamily == AddressFamily.InterNetworkV6
                    ? new SendUnsolicitedNeighbourAdvert(vip.Interface, vip.Address)
                    : new SendGratuitousArp(vip.Interface, vip.Address));
    }

    /// <summary>
    /// A reload changed only VIPs, routes or priority (keepalived keeps the instance's state too):
    /// state and counters stay. A MASTER removes what is no longer configured, adds what is new and
    /// leaves the rest alone, then announces and advertises as <see cref="VrrpInPlaceUpdate.AsMaster"/>
    /// says (keepalived's clear_diff_vrrp and reload_master); in any other state only the settings
    /// change (the VIPs taken at the next takeover, the addresses checked in received adverts).
    /// </summary>
    private void OnUpdate(VrrpInPlaceUpdate update)
    {
        _settings = update.After;
        _surviving.Value = update.After;
        _log.Info("{Instance}: reloaded in place ({State}): {Changes}", _settings.Name, _state.State.ToString().ToUpperInvariant(), update.Describe());
        if (update.PriorityChanged)
            ChangeBasePriority(update.After.Machine);
        if (_state.State != VrrpState.Master)
            return;
        foreach (var route in update.RemovedRoutes)
            _nativeIo.Tell(new DeleteRoute(route));
        foreach (var vip in update.RemovedVips)
            _nativeIo.Tell(new DeleteAddress(vip));
        // Accept mode cannot change in place (that restarts the instance): only the blocked list does.
        if (_settings.Machine.BlocksVipTraffic && (update.AddedVips.Count > 0 || update.RemovedVips.Count > 0))
            _nativeIo.Tell(new BlockVips(_settings.Name, BlockedVips()));
        foreach (var vip in update.AddedVips)
            _nativeIo.Tell(new AddAddress(vip));
        foreach (var route in update.AddedRoutes)
            _nativeIo.Tell(new AddRoute(route));
        var reloaded = update.AsMaster(_state, _clock());
        _state = reloaded.Next;
        Execute(reloaded.Actions);
    }

    /// <summary>The tracking weights apply to the new base; a BACKUP's running down timer moves with its skew.</summary>
    private void ChangeBasePriority(VrrpInstanceConfig machine)
    {
        _tracking = _tracking.WithBasePriority(machine.BasePriority);
        _state = _state with { Config = machine, BasePriority = machine.BasePriority };
        if (_state.State == VrrpState.Init)
            return; // the start applies the tracking's priority
        var priority = _tracking.Evaluate().Priority;
        if (priority != _state.EffectivePriority)
            Handle(new VrrpEvent.PriorityChanged((byte)priority));
    }

    private void SendAdvert(byte priority)
    {
        var machine = _settings.Machine;
        var packet = VrrpPacket.Advertisement(machine.Version, machine.Vrid, priority, _settings.Receive.VirtualAddresses,
            machine.AdvertInterval, _settings.Receive.AuthType, _settings.Receive.Password);
        foreach (var destination in _settings.Destinations)
        {
            try
            {
                _sender.Send(packet, _settings.SourceAddress, destination);
                _counters.CountSent();
            }
            catch (Exception e) when (e is SocketException or IOException or InvalidOperationException)
            {
                _log.Warning("{Instance}: advert to {Destination} not sent: {Error}", _settings.Name, destination, e.Message);
            }
        }
    }

    private void OnEntered(VrrpState state, byte priority)
    {
        var from = _lastNotified;
        _lastNotified = state;
        _counters.CountTransition(from, state);
        _log.Info("{Instance}: entering {State} state (priority {Priority}, was {From})", _settings.Name, state.ToString().ToUpperInvariant(), priority, from.ToString().ToUpperInvariant());
        Context.System.EventStream.Publish(new VrrpTransitioned(_settings.Name, from, state, priority, DateTimeOffset.UtcNow));
        if (_links.SyncGroup is { } group && state != VrrpState.Stop && !_enteringByOrder)
        {
            var reported = state switch
            {
                VrrpState.Master => SyncMemberState.Master,
                VrrpState.Fault => SyncMemberState.Fault,
                _ => SyncMemberState.Backup,
            };
            group.Tell(new MemberStateChanged(_settings.Name, reported, priority));
        }
        foreach (var invocation in _settings.Notify.For(_settings.Name, state, priority))
        {
            var command = invocation.Command.ToString();
            _scripts.RunAsync(invocation, CancellationToken.None).PipeTo(Self,
                success: r => new NotifyFinished(command, r),
                failure: e => new NotifyFinished(command, new ScriptRunResult(ScriptOutcome.FailedToStart, -1, TimeSpan.Zero, e.Message)));
        }
    }

    private VrrpInstanceStatus Status() => new(
        _settings.Name, _settings.Interface, _state.State, _state.EffectivePriority, _state.BasePriority,
        _state.MasterAddress, _settings.Vips.Select(v => v.Address).ToList(), _counters.Sent, _counters.Received,
        _counters.Drops, _counters.Transitions)
    {
        BecameMaster = _counters.BecameMaster,
        ReleasedMaster = _counters.ReleasedMaster,
    };

    private sealed record NotifyFinished(string Command, ScriptRunResult Result);

    private sealed record StartWithKnownLinks
    {
        public static readonly StartWithKnownLinks Instance = new();
    }
}

/// <summary>The other actors an instance talks to.</summary>
public sealed record VrrpInstanceLinks(IReadOnlyList<IActorRef> Scripts, IActorRef? LinkMonitor = null, IActorRef? SyncGroup = null)
{
    public static readonly VrrpInstanceLinks None = new([]);
}
