using Akka.Actor;
using Akka.Event;

namespace Director.Actors.Supervision;

/// <summary>
/// A supervisor: creates its children from <see cref="ChildSpec"/>s, restarts each failed child
/// on its own (one-for-one), counts restarts per child and answers <see cref="GetWatchdogStatus"/>.
/// A child failing too often is stopped or escalated per <see cref="RestartPolicy"/>; its
/// siblings are untouched. Used as the root (<c>/user/watchdog</c>) and, through
/// <see cref="SupervisorOf"/>, for the middle levels (<c>vrrp</c>, <c>lb</c>).
/// </summary>
public sealed class WatchdogActor : ReceiveActor
{
    public const string RootName = "watchdog";

    private readonly IReadOnlyList<ChildSpec> _initialChildren;
    private readonly RestartLedger _ledger;
    private readonly Func<DateTimeOffset> _now;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly List<string> _order = [];
    private readonly Dictionary<string, IActorRef> _children = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _lastFailure = new(StringComparer.Ordinal);
    private readonly HashSet<string> _stopped = new(StringComparer.Ordinal);

    public WatchdogActor(IReadOnlyList<ChildSpec> children, RestartPolicy policy, Func<DateTimeOffset> now)
    {
        _initialChildren = children;
        _ledger = new RestartLedger(policy);
        _now = now;

        Receive<GetWatchdogStatus>(_ => Sender.Tell(Status()));
        Receive<StartChild>(m => Sender.Tell(new ChildStarted(m.Child.Name, Start(m.Child))));
        Receive<GetChild>(m =>
        {
            if (_children.TryGetValue(m.Name, out var child))
                Sender.Tell(new ChildStarted(m.Name, child));
            else
                Sender.Tell(new ChildNotFound(m.Name));
        });
        Receive<Terminated>(t => OnTerminated(t.ActorRef));
    }

    public static Props Props(IReadOnlyList<ChildSpec> children, RestartPolicy? policy = null, Func<DateTimeOffset>? now = null) =>
        Akka.Actor.Props.Create(() => new WatchdogActor(children, policy ?? RestartPolicy.Default, now ?? (() => DateTimeOffset.UtcNow)));

    protected override void PreStart()
    {
        foreach (var spec in _initialChildren)
            Start(spec);
    }

    // On a restart of this supervisor Akka's defaults stop the old children (PreRestart) and call
    // PreStart again, so the subtree comes back fresh, with fresh counters.

    protected override SupervisorStrategy SupervisorStrategy() =>
        new CountingRestartStrategy(_ledger, _now, _log, (name, ex) => _lastFailure[name] = $"{ex.GetType().Name}: {ex.Message}");

    private IActorRef Start(ChildSpec spec)
    {
        if (_children.TryGetValue(spec.Name, out var existing) && !_stopped.Contains(spec.Name))
            return existing;
        var child = Context.ActorOf(spec.Props, spec.Name);
        Context.Watch(child);
        _children[spec.Name] = child;
        _stopped.Remove(spec.Name);
        _ledger.Reset(spec.Name);
        if (!_order.Contains(spec.Name))
            _order.Add(spec.Name);
        _log.Debug("Started child {Child}", spec.Name);
        return child;
    }

    private void OnTerminated(IActorRef child)
    {
        var name = child.Path.Name;
        if (!_children.TryGetValue(name, out var known) || !known.Equals(child))
            return;
        _stopped.Add(name);
        _log.Warning("Child {Child} stopped after {Restarts} restarts", name, _ledger.Restarts(name));
    }

    private SupervisorStatus Status() =>
        new(Self.Path.Name, _order
            .Select(n => new ChildStatus(n, _ledger.Restarts(n), !_stopped.Contains(n), _lastFailure.GetValueOrDefault(n)))
            .ToArray());
}
