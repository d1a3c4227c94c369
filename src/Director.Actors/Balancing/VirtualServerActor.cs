using Akka.Actor;
using Akka.Event;
using Director.Actors.Native;
using Director.Actors.Scripts;
using Director.Actors.Supervision;
using Director.Core.Balancing;
using Director.Core.Balancing.Policy;
using Director.Core.Config.Model;
using Director.Core.Scripts;

namespace Director.Actors.Balancing;

/// <summary>
/// <c>vs-IP:PORT</c> (or <c>vs-fwmark-N</c>, <c>vs-group-NAME</c>): one per virtual_server. Supervises
/// one checker per real server, keeps their last known health (a restarted checker starts from it),
/// applies <see cref="VirtualServerPolicy"/> (quorum, sorry server, inhibit, weights, notify
/// scripts, ha_suspend) and asks native-io to make the kernel hold its services: one
/// <see cref="UpdateForwarding"/> per change, which native-io applies as one batch.
/// </summary>
public sealed partial class VirtualServerActor : ReceiveActor, IWithTimers, IWithUnboundedStash
{
    // A reload updates this actor in place; the surviving copy is what a restart starts from.
    private readonly SurvivingValue<UpdateVirtualServer> _applied;
    private KeepalivedConfig _config;
    private VirtualServer _vs;
    private readonly LbServices _services;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly RestartLedger _ledger = new(RestartPolicy.Default);
    private readonly Dictionary<string, RealServer> _childServers = new(StringComparer.Ordinal);
    private readonly Dictionary<RealServerAddress, IActorRef> _children = [];
    private IReadOnlyList<VirtualServiceKey> _keys;
    private VirtualServerPolicyState _state;
    private IReadOnlyList<VirtualService>? _sent;

    public VirtualServerActor(SurvivingValue<UpdateVirtualServer> applied, LbServices services)
    {
        _applied = applied;
        var (config, vs) = applied.Value;
        _config = config;
        _vs = vs;
        _services = services;
        var start = VirtualServerPolicy.Start(vs);
        _state = start.State;
        _keys = KeysOf(config, vs);
        Run(start.Effects);

        Receive<RealServerCheckerStarted>(OnCheckerStarted);
        Receive<RealServerHealthReport>(OnHealth);
        Receive<VipPresenceChanged>(m => OnVipPresence(m.Present));
        Receive<PollVip>(_ => PollVipPresence());
        Receive<KernelWriteSucceeded>(_ => { });
        Receive<KernelWriteFailed>(OnWriteFailed);
        Receive<Resend>(_ => Push(force: true));
        Receive<GetVirtualServerStatus>(_ => Sender.Tell(Status()));
        Receive<RealServerOverrideCommand>(OnOverride);
        ReceiveReconfiguration();
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(KeepalivedConfig config, VirtualServer vs, LbServices services)
    {
        var applied = new SurvivingValue<UpdateVirtualServer>(new UpdateVirtualServer(config, vs));
        return Akka.Actor.Props.Create(() => new VirtualServerActor(applied, services));
    }

    protected override void PreStart()
    {
        var addresses = _vs.RealServer.Select(r => r.Address).Distinct().ToList();
        var names = LbNames.Unique(addresses.Select(LbNames.RealServer));
        for (var i = 0; i < addresses.Count; i++)
        {
            var rs = _vs.RealServer.First(r => r.Address == addresses[i]);
            _childServers[names[i]] = rs;
            _children[rs.Address] = Context.ActorOf(RealServerCheckerActor.Props(rs, _vs, _services), names[i]);
        }

        if (_vs.HaSuspend && _services.IsLocalAddress is not null && _vs.Address is IpPortAddress)
        {
            PollVipPresence();
            Timers.StartPeriodicTimer("vip", PollVip.Instance, _services.PollInterval);
        }

        Push(force: true);
        Context.System.EventStream.Publish(new VirtualServerStarted(Self.Path.Name));
    }

    protected override SupervisorStrategy SupervisorStrategy() =>
        new CountingRestartStrategy(_ledger, () => _services.Time.GetUtcNow(), _log, (_, _) => { });

    private void OnCheckerStarted(RealServerCheckerStarted m)
    {
        if (!_state.Suspended) Sender.Tell(new StartChecks(_state.HealthOf(m.RealServer)));
    }

    private void OnHealth(RealServerHealthReport m)
    {
        var step = VirtualServerPolicy.OnHealth(_vs, _state, m.RealServer, m.Health);
        if (ReferenceEquals(step.State, _state)) return;
        var before = _state.HealthOf(m.RealServer);
        _state = step.State;
        if (before != m.Health)
            Context.System.EventStream.Publish(new RealServerTransitioned(
                Self.Path.Name, $"{m.RealServer.Ip}:{m.RealServer.Port}", before.IsUp, m.Health.IsUp, m.Health.Weight, _services.Time.GetUtcNow()));
        Run(step.Effects);
        Push(force: false);
    }

    /// <summary>An operator's drain / weight / clear on the matching real servers of this virtual server.</summary>
    private void OnOverride(RealServerOverrideCommand m)
    {
        var addresses = _state.Health.Keys.Where(m.RealServer.Matches).ToList();
        if (addresses.Count == 0)
        {
            Sender.Tell(new RealServerOverrideRejected(m, $"{Self.Path.Name} has no real server {m.RealServer}"));
            return;
        }

        int? weight = m.Override switch
        {
            DrainOverride => 0,
            WeightOverride w => w.Weight,
            _ => null,
        };
        foreach (var address in addresses)
        {
            var step = VirtualServerPolicy.OnOverride(_vs, _state, address, weight);
            _state = step.State;
            Run(step.Effects);
        }

        Push(force: false);
        Sender.Tell(new RealServerOverrideApplied(m, [Self.Path.Name]));
    }

    private void OnVipPresence(bool present)
    {
        var next = VirtualServerPolicy.OnVipPresence(_vs, _state, present);
        if (next.Suspended == _state.Suspended) return;
        _state = next;
        _log.Info("{0}: health checks {1} (ha_suspend, VIP {2})", Self.Path.Name, next.Suspended ? "suspended" : "resumed", present ? "here" : "not here");
        foreach (var (address, child) in _children)
            child.Tell(next.Suspended ? SuspendChecks.Instance : new StartChecks(_state.HealthOf(address)));
    }

    private void PollVipPresence()
    {
        if (_vs.Address is IpPortAddress ip && _services.IsLocalAddress is { } isLocal)
            OnVipPresence(isLocal(ip.Ip));
    }

    private void OnWriteFailed(KernelWriteFailed m)
    {
        _log.Warning("{0}: forwarding update failed ({1}); sending it again in {2} s", Self.Path.Name, m.Reason, _services.RetryInterval.TotalSeconds);
        Timers.StartSingleTimer("resend", Resend.Instance, _services.RetryInterval);
    }

    private void Push(bool force)
    {
        var services = VirtualServerPolicy.Services(_config, _vs, _state);
        if (!force && _sent is not null && _sent.SequenceEqual(services)) return;
        _sent = services;
        _services.NativeIo.Tell(new UpdateForwarding(_keys, services), Self);
    }

    private void Run(IReadOnlyList<PolicyEffect> effects)
    {
        foreach (var effect in effects)
        {
            switch (effect)
            {
                case PolicyLog log:
                    _log.Info("VS {0}: {1}", DescribeVs(), log.Message);
                    break;
                case RunNotifyScript script:
                    RunScript(script);
                    break;
            }
        }
    }

    private void RunScript(RunNotifyScript script)
    {
        var log = _log;
        ScriptCommandLine command;
        try
        {
            command = ScriptCommandLine.Parse(script.CommandLine);
        }
        catch (FormatException e)
        {
            log.Warning("notify script '{0}' ({1}) cannot be parsed: {2}", script.CommandLine, script.Reason, e.Message);
            return;
        }

        _services.Scripts.RunAsync(new ScriptInvocation(command, _services.NotifyTimeout), CancellationToken.None)
            .ContinueWith(t =>
            {
                if (t.IsCompletedSuccessfully && !t.Result.Success)
                    log.Warning("notify script '{0}' ({1}) ended {2} {3}", script.CommandLine, script.Reason, t.Result.Outcome, t.Result.ExitCode);
            }, TaskScheduler.Default);
    }

    private string DescribeVs() => _vs.Address switch
    {
        IpPortAddress ip => $"{ip.Ip}:{ip.Port}",
        FwmarkAddress m => $"fwmark {m.Fwmark}",
        GroupAddress g => $"group {g.Group}",
        _ => "?",
    };

    private VirtualServerStatus Status() => new(
        Self.Path.Name,
        _state.QuorumUp,
        _state.Suspended,
        _state.Health.ToDictionary(kv => $"{kv.Key.Ip}:{kv.Key.Port}", kv => kv.Value),
        _childServers.Keys.ToDictionary(n => n, _ledger.Restarts),
        _sent ?? [])
    {
        Overrides = _state.WeightOverrides.ToDictionary(kv => $"{kv.Key.Ip}:{kv.Key.Port}", kv => kv.Value),
    };

    private sealed record PollVip
    {
        public static readonly PollVip Instance = new();
    }

    private sealed record Resend
    {
        public static readonly Resend Instance = new();
    }
}
