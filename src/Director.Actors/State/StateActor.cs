using Akka.Actor;
using Akka.Event;
using Director.Actors.Balancing;
using Director.Actors.Native;
using Director.Actors.Vrrp;

namespace Director.Actors.State;

/// <summary>
/// The `state` actor (one per director, at /user/state): reports its own director (VRRP
/// instances, kernel writes, virtual servers once wired, the last N transitions) and, in a
/// cluster, gathers the reports of every Up member by asking their `state` actors with a short
/// timeout. Never on the VRRP path: VRRP actors only publish to the event stream.
/// </summary>
public sealed class StateActor : ReceiveActor
{
    public const string Name = "state";

    private StateSources _sources;
    private readonly TransitionRing<TransitionView> _transitions;
    private readonly HealthCheckStatistics _checks = HealthCheckStatistics.For(Context.System);
    private readonly ILoggingAdapter _log = Context.GetLogger();

    public StateActor(StateSources sources)
    {
        _sources = sources;
        _transitions = new TransitionRing<TransitionView>(Math.Max(1, sources.RecentTransitions));
        Receive<VrrpTransitioned>(t => _transitions.Add(t.ToView()));
        Receive<RealServerTransitioned>(t =>
        {
            _checks.Add(t);
            Log(t);
        });
        Receive<LoadBalancingStarted>(m => _sources = _sources with { VirtualServers = m.Lb, DataPlane = m.DataPlane });
        Receive<GetHealthCheckMetrics>(_ => Sender.Tell(_checks.Snapshot()));
        Receive<GetDirectorState>(_ => LocalState().PipeTo(Sender));
        Receive<GetClusterState>(_ => ClusterState().PipeTo(Sender));
    }

    public static Props Props(StateSources sources) => Akka.Actor.Props.Create(() => new StateActor(sources));

    protected override void PreStart()
    {
        Context.System.EventStream.Subscribe(Self, typeof(VrrpTransitioned));
        Context.System.EventStream.Subscribe(Self, typeof(RealServerTransitioned));
    }

    protected override void PostStop() => Context.System.EventStream.Unsubscribe(Self);

    // The check state change as structured fields (RealServer, VirtualServer, Health, Weight) for the log sinks.
    private void Log(RealServerTransitioned t)
    {
        if (t.WasUp == t.IsUp)
            _log.Info("Real server {RealServer} of {VirtualServer}: weight {Weight}", t.RealServer, t.VirtualServer, t.Weight);
        else if (t.IsUp)
            _log.Info("Real server {RealServer} of {VirtualServer} is {Health} (weight {Weight})", t.RealServer, t.VirtualServer, "UP", t.Weight);
        else
            _log.Warning("Real server {RealServer} of {VirtualServer} is {Health} (weight {Weight})", t.RealServer, t.VirtualServer, "DOWN", t.Weight);
    }

    // Reads actor state here, on the actor's thread; the returned task touches only copies.
    private Task<DirectorState> LocalState()
    {
        var transitions = _transitions.ToList();
        var address = _sources.ClusterEnabled ? Akka.Cluster.Cluster.Get(Context.System).SelfAddress.ToString() : "local";
        return LocalStateReport.Gather(_sources, address, transitions);
    }

    private Task<ClusterStateView> ClusterState()
    {
        var local = LocalState();
        if (!_sources.ClusterEnabled)
            return local.ContinueWith(
                t => new ClusterStateView(false, null, [new DirectorReport("local", "Up", true, t.Result, null)]),
                TaskScheduler.Default);

        var cluster = Akka.Cluster.Cluster.Get(Context.System);
        var state = cluster.State;
        var unreachable = state.Unreachable.Select(m => m.Address).ToHashSet();
        var reports = state.Members
            .OrderBy(m => m.Address.ToString(), StringComparer.Ordinal)
            .Select(member => Report(member, member.Address == cluster.SelfAddress, unreachable.Contains(member.Address), local))
            .ToList();
        // Before joining (or after leaving) this node is not a member: it still reports itself.
        if (!state.Members.Any(m => m.Address == cluster.SelfAddress))
            reports.Add(local.ContinueWith(t => new DirectorReport(cluster.SelfAddress.ToString(), "NotJoined", true, t.Result, null), TaskScheduler.Default));
        return Task.WhenAll(reports).ContinueWith(
            t => new ClusterStateView(true, state.Leader?.ToString(), t.Result),
            TaskScheduler.Default);
    }

    private Task<DirectorReport> Report(Akka.Cluster.Member member, bool self, bool isUnreachable, Task<DirectorState> local)
    {
        var address = member.Address.ToString();
        var status = member.Status.ToString();
        if (self)
            return local.ContinueWith(t => new DirectorReport(address, status, true, t.Result, null), TaskScheduler.Default);
        if (isUnreachable)
            return Task.FromResult(new DirectorReport(address, status, false, null, "unreachable"));
        if (member.Status is not (Akka.Cluster.MemberStatus.Up or Akka.Cluster.MemberStatus.WeaklyUp))
            return Task.FromResult(new DirectorReport(address, status, true, null, $"member is {status}"));
        return AskRemote(Context.ActorSelection(new RootActorPath(member.Address) / "user" / Name), address, status, _sources.RemoteAskTimeout);
    }

    private static async Task<DirectorReport> AskRemote(ActorSelection remote, string address, string status, TimeSpan timeout)
    {
        try
        {
            var state = await remote.Ask<DirectorState>(GetDirectorState.Instance, timeout);
            return new DirectorReport(address, status, true, state, null);
        }
        catch (Exception e) when (e is AskTimeoutException or TaskCanceledException)
        {
            return new DirectorReport(address, status, true, null, $"no answer within {timeout.TotalSeconds:0.#} s");
        }
    }
}

/// <summary>Asks the local sources in parallel; a source that fails or is slow becomes a problem line, never an error.</summary>
internal static class LocalStateReport
{
    public static async Task<DirectorState> Gather(
        StateSources sources, string address, IReadOnlyList<TransitionView> transitions)
    {
        var problems = new List<string>();
        var timeout = sources.LocalAskTimeout;
        var vrrp = Ask<IReadOnlyList<VrrpInstanceStatus>>(sources.Vrrp, GetVrrpInstanceStatus.Instance, timeout);
        var native = Ask<NativeIoStats>(sources.NativeIo, GetNativeIoStats.Instance, timeout);
        var virtualServers = Ask<IReadOnlyList<VirtualServerView>>(sources.VirtualServers, GetVirtualServerViews.Instance, timeout);
        var receivers = Ask<IReadOnlyList<ReceiverStatus>>(sources.Vrrp, GetReceiverStatus.Instance, timeout);
        await Task.WhenAll(vrrp, native, virtualServers, receivers);

        var instances = vrrp.Result.Value?.Select(s => s.ToView()).OrderBy(v => v.Name, StringComparer.Ordinal).ToList() ?? [];
        if (vrrp.Result.Problem is { } p1) problems.Add($"vrrp: {p1}");
        if (native.Result.Problem is { } p2) problems.Add($"native-io: {p2}");
        if (virtualServers.Result.Problem is { } p3) problems.Add($"virtual servers: {p3}");
        return new DirectorState(
            sources.NodeName,
            address,
            DateTimeOffset.UtcNow,
            sources.Vrrp is not null,
            instances,
            sources.DataPlane,
            virtualServers.Result.Value ?? [],
            native.Result.Value?.ToView(),
            transitions,
            problems)
        {
            Receivers = receivers.Result.Value?.Select(r => new ReceiverView(r.Interface, r.Received, r.ForeignVrid, r.Unreadable))
                .OrderBy(r => r.Interface, StringComparer.Ordinal).ToList() ?? [],
        };
    }

    private static async Task<(T? Value, string? Problem)> Ask<T>(IActorRef? source, object message, TimeSpan timeout) where T : class
    {
        if (source is null) return (null, null);
        try
        {
            return (await source.Ask<T>(message, timeout), null);
        }
        catch (Exception e)
        {
            return (null, e is AskTimeoutException or TaskCanceledException ? $"no answer within {timeout.TotalSeconds:0.#} s" : e.Message);
        }
    }
}
