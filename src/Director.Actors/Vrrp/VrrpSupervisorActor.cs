using System.Net.Sockets;
using Akka.Actor;
using Akka.Event;
using Director.Actors.Scripts;
using Director.Actors.Supervision;
using Director.Actors.Sync;
using Director.Native.Sockets;

namespace Director.Actors.Vrrp;

/// <summary>What the VRRP side is built from besides its topology.</summary>
public sealed record VrrpPorts(
    Func<string, AddressFamily, IVrrpSocket> OpenSocket,
    IActorRef NativeIo,
    IActorRef? LinkMonitor,
    IScriptRunner Scripts,
    string? Dispatcher = VrrpDispatcher.Id);

/// <summary>
/// The `vrrp` supervisor: opens one raw socket per interface and family, and starts the script,
/// sync-group, receiver and instance actors; restarts any that fail, counting restarts.
/// </summary>
public sealed partial class VrrpSupervisorActor : ReceiveActor, IWithUnboundedStash
{
    public const string Name = "vrrp";

    private readonly SurvivingValue<VrrpTopology> _current;
    private VrrpTopology _topology;
    private readonly VrrpPorts _ports;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly RestartLedger _ledger = new(RestartPolicy.Default with { OnLimit = RestartLimitAction.Escalate });
    private readonly Dictionary<(string, AddressFamily), IVrrpSocket> _sockets = [];
    private readonly Dictionary<string, IActorRef> _instances = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IActorRef> _scripts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IActorRef> _groups = new(StringComparer.Ordinal);
    private readonly Dictionary<(string, AddressFamily), IActorRef> _receivers = [];

    public VrrpSupervisorActor(SurvivingValue<VrrpTopology> topology, VrrpPorts ports)
    {
        _current = topology;
        _topology = topology.Value;
        _ports = ports;
        Running();
    }

    public IStash Stash { get; set; } = null!;

    public static Props Props(VrrpTopology topology, VrrpPorts ports) =>
        Akka.Actor.Props.Create(() => new VrrpSupervisorActor(new SurvivingValue<VrrpTopology>(topology), ports));

    protected override SupervisorStrategy SupervisorStrategy() =>
        new CountingRestartStrategy(_ledger, () => DateTimeOffset.UtcNow, _log, (_, _) => { });

    private void Running()
    {
        Receive<ReleaseVrrp>(_ => StartRelease());
        Receive<ReconfigureVrrp>(Reconfigure);
        Receive<GetVrrpTopology>(_ => Sender.Tell(_topology));
        Receive<GetVrrpInstanceStatus>(_ => AskAll(Sender));
        Receive<GetReceiverStatus>(_ => AskReceivers(Sender));
    }

    protected override void PreStart()
    {
        foreach (var problem in _topology.Problems)
            _log.Warning("vrrp: {Problem}", problem);
        StartActors(_topology.Scripts, _topology.SyncGroups, _topology.Instances);
        _log.Info("vrrp: {Instances} instances, {Groups} sync groups, {Scripts} scripts on {Sockets} sockets",
            _instances.Count, _groups.Count, _scripts.Count, _sockets.Count);
    }

    private static (string, AddressFamily) SocketKey(VrrpInstanceSettings instance) => (instance.SocketInterface, instance.Receive.Family);

    /// <summary>Starts scripts, then sync groups, then instances (linked to both), then a receiver per new socket.</summary>
    private void StartActors(IEnumerable<VrrpScriptSettings> scripts, IEnumerable<SyncGroupSettings> groups, IEnumerable<VrrpInstanceSettings> instances)
    {
        foreach (var s in scripts)
            _scripts[s.Name] = Context.ActorOf(VrrpScriptActor.Props(s, _ports.Scripts), $"script-{s.Name}");
        foreach (var g in groups)
            _groups[g.Name] = Context.ActorOf(SyncGroupActor.Props(g, _ports.Scripts), SyncGroupActor.ActorName(g.Name));

        var started = new List<(VrrpInstanceSettings Settings, IActorRef Actor)>();
        foreach (var instance in instances)
        {
            var key = SocketKey(instance);
            if (!_sockets.TryGetValue(key, out var socket))
            {
                socket = _ports.OpenSocket(instance.SocketInterface, instance.Receive.Family);
                _sockets[key] = socket;
            }
            var links = new VrrpInstanceLinks(
                instance.Tracking.Where(t => t.Kind == Core.Vrrp.Sync.TrackedKind.Script && _scripts.ContainsKey(t.Name)).Select(t => _scripts[t.Name]).ToList(),
                _ports.LinkMonitor,
                instance.SyncGroup is { } g && _groups.TryGetValue(g, out var group) ? group : null);
            var actor = Context.ActorOf(
                VrrpInstanceActor.Props(instance, new SocketVrrpSender(socket), _ports.NativeIo, links, _ports.Scripts)
                    .WithDispatcherIfAny(_ports.Dispatcher),
                instance.ActorName);
            _instances[instance.Name] = actor;
            started.Add((instance, actor));
        }

        foreach (var (settings, actor) in started)
        {
            if (_receivers.TryGetValue(SocketKey(settings), out var receiver))
                receiver.Tell(new RegisterVrid(settings.Machine.Vrid, actor));
        }
        foreach (var key in started.Select(s => SocketKey(s.Settings)).Distinct().Where(k => !_receivers.ContainsKey(k)).ToList())
        {
            var (iface, family) = key;
            var vrids = started.Where(s => SocketKey(s.Settings) == key).ToDictionary(s => s.Settings.Machine.Vrid, s => s.Actor);
            var name = family == AddressFamily.InterNetworkV6 ? $"rx6-{iface}" : $"rx-{iface}";
            _receivers[key] = Context.ActorOf(VrrpReceiverActor.Props(_sockets[key], vrids).WithDispatcherIfAny(_ports.Dispatcher), name);
        }
    }

    protected override void PostStop()
    {
        foreach (var socket in _sockets.Values)
            socket.Dispose();
        _sockets.Clear();
        _receivers.Clear();
    }

    // Restarting the supervisor rebuilds everything; its children are stopped first by Akka.
    protected override void PreRestart(Exception reason, object message) => PostStop();

    /// <summary>
    /// Releases every instance once; a ReleaseVrrp arriving while (or after) releasing is answered
    /// when the one release in progress ends (an early signal handler and the host's shutdown both ask).
    /// </summary>
    private void StartRelease()
    {
        var requesters = new List<IActorRef> { Sender };
        var waiting = new HashSet<string>(_instances.Keys, StringComparer.Ordinal);
        var released = false;
        void Answer()
        {
            released = true;
            foreach (var requester in requesters.Where(r => !r.IsNobody()))
                requester.Tell(new VrrpReleased("*"));
            requesters.Clear();
        }
        foreach (var instance in _instances.Values)
            instance.Tell(ReleaseVrrp.Instance);
        Become(() =>
        {
            Receive<VrrpReleased>(r =>
            {
                waiting.Remove(r.Instance);
                if (waiting.Count == 0 && !released)
                    Answer();
            });
            Receive<ReleaseVrrp>(_ =>
            {
                if (released)
                    Sender.Tell(new VrrpReleased("*"));
                else
                    requesters.Add(Sender);
            });
            Receive<GetVrrpInstanceStatus>(_ => AskAll(Sender));
            Receive<GetReceiverStatus>(_ => AskReceivers(Sender));
            Receive<ReconfigureVrrp>(_ => Sender.Tell(new VrrpReconfigured(false, ["vrrp: releasing (stopping); configuration not applied"])));
            Receive<GetVrrpTopology>(_ => Sender.Tell(_topology));
        });
        if (waiting.Count == 0)
            Answer();
    }

    private void AskAll(IActorRef requester)
    {
        var instances = _instances.Values.ToList();
        Task.WhenAll(instances.Select(i => i.Ask<VrrpInstanceStatus>(GetVrrpInstanceStatus.Instance, TimeSpan.FromSeconds(2))))
            .ContinueWith(t => t.IsCompletedSuccessfully ? (object)t.Result.ToList() : new Status.Failure(t.Exception!), TaskScheduler.Default)
            .PipeTo(requester);
    }

    /// <summary>Answers a list of <see cref="ReceiverStatus"/>, one per socket.</summary>
    private void AskReceivers(IActorRef requester)
    {
        var receivers = _receivers.Values.ToList();
        Task.WhenAll(receivers.Select(r => r.Ask<ReceiverStatus>(GetReceiverStatus.Instance, TimeSpan.FromSeconds(2))))
            .ContinueWith(t => t.IsCompletedSuccessfully ? (object)t.Result.ToList() : new Status.Failure(t.Exception!), TaskScheduler.Default)
            .PipeTo(requester);
    }
}

/// <summary>The dispatcher of the VRRP actors (threads of their own; see hocon/akka.conf).</summary>
public static class VrrpDispatcher
{
    public const string Id = "akka.actor.vrrp-dispatcher";

    public static Props WithDispatcherIfAny(this Props props, string? dispatcher) =>
        dispatcher is null ? props : props.WithDispatcher(dispatcher);
}
