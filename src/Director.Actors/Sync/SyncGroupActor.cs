using Akka.Actor;
using Akka.Event;
using Director.Actors.Scripts;
using Director.Core.Vrrp.Sync;

namespace Director.Actors.Sync;

/// <summary>
/// <c>sync-NAME</c>: a vrrp_sync_group. Members register their actor references and report their
/// own state changes; the <see cref="SyncGroupCoordinator"/> decides, and this actor sends each
/// order as <see cref="ForceState"/> to the member, starts the group's notify scripts (without
/// waiting for them) and tells subscribers <see cref="SyncGroupStateChanged"/>. No state is shared
/// with members: only messages.
/// </summary>
public sealed class SyncGroupActor : ReceiveActor
{
    public static string ActorName(string groupName) => $"sync-{groupName}";

    private readonly SyncGroupSettings _settings;
    private readonly IScriptRunner _notifier;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Dictionary<string, IActorRef> _members = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _priorities = new(StringComparer.Ordinal);
    private readonly HashSet<IActorRef> _subscribers = [];
    private SyncGroupCoordinator _coordinator;

    public SyncGroupActor(SyncGroupSettings settings, IScriptRunner notifier)
    {
        _settings = settings;
        _notifier = notifier;
        _coordinator = SyncGroupCoordinator.Create(settings.Name, settings.Members);

        Receive<RegisterSyncMember>(Register);
        Receive<MemberStateChanged>(OnMemberState);
        Receive<SubscribeSyncGroup>(m =>
        {
            _subscribers.Add(m.Subscriber);
            Context.Watch(m.Subscriber);
        });
        Receive<Terminated>(OnTerminated);
        Receive<GetSyncGroupStatus>(_ => Sender.Tell(Status()));
        Receive<NotifyFinished>(OnNotifyFinished);
    }

    public static Props Props(SyncGroupSettings settings, IScriptRunner notifier) =>
        Akka.Actor.Props.Create(() => new SyncGroupActor(settings, notifier));

    private void Register(RegisterSyncMember m)
    {
        if (!_coordinator.IsMember(m.Instance))
        {
            _log.Warning("Instance {Instance} is not a member of sync group {Group}; ignored", m.Instance, _settings.Name);
            return;
        }
        _members[m.Instance] = m.Member;
        Context.Watch(m.Member);
        // A member (re)joining a group in FAULT is held there at once, as its siblings are.
        if (_coordinator.State == SyncGroupState.Fault)
        {
            _log.Info("VRRP_Group({Group}) is FAULT; holding joining member {Instance} in FAULT", _settings.Name, m.Instance);
            m.Member.Tell(new ForceState(_settings.Name, SyncGroupState.Fault));
        }
    }

    private void OnMemberState(MemberStateChanged m)
    {
        if (!_coordinator.IsMember(m.Instance))
        {
            _log.Warning("State {State} from {Instance}, not a member of sync group {Group}; ignored", m.State, m.Instance, _settings.Name);
            return;
        }
        _priorities[m.Instance] = m.Priority;
        var (next, decision) = _coordinator.Report(m.Instance, m.State);
        _coordinator = next;

        if (decision.Transition is { } transition)
        {
            _log.Info("VRRP_Group({Group}) {From} -> {To} (after {Instance} reported {Reported})",
                _settings.Name, transition.From, transition.To, m.Instance, m.State);
            RunNotifies(transition);
            var published = new SyncGroupStateChanged(_settings.Name, transition.From, transition.To);
            foreach (var s in _subscribers)
                s.Tell(published);
        }
        foreach (var order in decision.Orders)
        {
            if (_members.TryGetValue(order.Instance, out var member))
            {
                _log.Info("VRRP_Group({Group}) forcing {Instance} to {State}", _settings.Name, order.Instance, order.State);
                member.Tell(new ForceState(_settings.Name, order.State));
            }
            else
            {
                _log.Warning("VRRP_Group({Group}) cannot force {Instance} to {State}: not registered", _settings.Name, order.Instance, order.State);
            }
        }
    }

    private void RunNotifies(SyncGroupTransition transition)
    {
        foreach (var invocation in _settings.NotifyInvocations(transition))
        {
            var command = invocation.Command.ToString();
            _notifier.RunAsync(invocation, CancellationToken.None).PipeTo(Self,
                success: r => new NotifyFinished(command, r),
                failure: e => new NotifyFinished(command, new ScriptRunResult(ScriptOutcome.FailedToStart, -1, TimeSpan.Zero, e.Message)));
        }
    }

    private void OnNotifyFinished(NotifyFinished f)
    {
        if (f.Result.Success)
            _log.Debug("Sync group {Group} notify {Command} done", _settings.Name, f.Command);
        else
            _log.Warning("Sync group {Group} notify {Command} ended {Outcome} (exit {ExitCode}) {Error}",
                _settings.Name, f.Command, f.Result.Outcome, f.Result.ExitCode, f.Result.Error);
    }

    private void OnTerminated(Terminated t)
    {
        _subscribers.Remove(t.ActorRef);
        foreach (var name in _members.Where(kv => kv.Value.Equals(t.ActorRef)).Select(kv => kv.Key).ToArray())
            _members.Remove(name);
    }

    private SyncGroupStatus Status() =>
        new(_settings.Name, _coordinator.State, _coordinator.Members
            .Select(m => new SyncMemberStatus(m, _coordinator.ReportedState(m), _coordinator.BelievedState(m),
                _priorities.GetValueOrDefault(m), _members.ContainsKey(m)))
            .ToArray());

    private sealed record NotifyFinished(string Command, ScriptRunResult Result);
}
