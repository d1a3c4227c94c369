using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using Director.Actors.Balancing;

namespace Director.Actors.History;

/// <summary>
/// <c>overrides</c>: the operator's drains and weights, kept across daemon restarts. An action is
/// sent to <c>lb</c> first and journaled once applied (so an action on an unknown real server leaves
/// no trace); then it is published as <see cref="OperatorActed"/> for the history and answered.
/// After recovery, and whenever a virtual server (re)starts, the overrides in force are sent again.
/// </summary>
public sealed class OverridesActor : ReceivePersistentActor, IWithUnboundedStash
{
    private const int SnapshotEvery = 100;

    private readonly OverridesSettings _settings;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private OverrideBook _book = OverrideBook.Empty;
    private Outcome? _pending;

    public OverridesActor(OverridesSettings settings)
    {
        _settings = settings;
        PersistenceId = $"overrides-{settings.NodeName}";

        Recover<SnapshotOffer>(offer =>
        {
            if (offer.Snapshot is OverridesSnapshot snapshot)
                _book = new OverrideBook([.. snapshot.Entries]);
        });
        Recover<OverrideRecorded>(e => _book = _book.Record(e));
        Recover<RecoveryCompleted>(_ =>
        {
            if (_book.Entries.Count > 0) _log.Info("overrides: {0} operator overrides recovered", _book.Entries.Count);
            foreach (var entry in _book.Entries)
                if (entry.ToCommand() is { } command) Lb.Tell(command, Self);
        });
        Ready();
    }

    public override string PersistenceId { get; }

    public static Props Props(OverridesSettings settings) => Akka.Actor.Props.Create(() => new OverridesActor(settings));

    protected override void PreStart()
    {
        Context.System.EventStream.Subscribe(Self, typeof(VirtualServerStarted));
        base.PreStart();
    }

    protected override void PostStop()
    {
        Context.System.EventStream.Unsubscribe(Self);
        base.PostStop();
    }

    private ActorSelection Lb => Context.ActorSelection(_settings.LbPath);

    private void Ready()
    {
        Command<RealServerOverrideCommand>(Apply);
        Command<VirtualServerStarted>(m =>
        {
            foreach (var command in _book.For(m.VirtualServer)) Lb.Tell(command, Self);
        });
        Command<GetOverrides>(_ => Sender.Tell(new OverridesSnapshot(_book.Entries)));
        Command<RealServerOverrideApplied>(_ => { });
        Command<RealServerOverrideRejected>(m => _log.Debug("overrides: re-sent {0} not applied: {1}", m.Command, m.Reason));
        CommonHousekeeping();
    }

    private void Apply(RealServerOverrideCommand command)
    {
        var replyTo = Sender;
        Lb.Ask<object>(command, _settings.AskTimeout).ContinueWith(
            t => t.IsCompletedSuccessfully ? new Outcome(command, t.Result, replyTo)
                : new Outcome(command, new RealServerOverrideRejected(command, "the load-balancing side (lb) did not answer: does this director run virtual servers (not -P)?"), replyTo),
            TaskScheduler.Default).PipeTo(Self);
        // One action at a time, so that the journal holds them in the order they were applied.
        Become(() =>
        {
            Command<Outcome>(Conclude);
            Command<RealServerOverrideApplied>(_ => { });
            Command<RealServerOverrideRejected>(_ => { });
            CommonHousekeeping();
            CommandAny(_ => Stash.Stash());
        });
    }

    private void Conclude(Outcome outcome)
    {
        if (outcome.Reply is not RealServerOverrideApplied applied)
        {
            outcome.ReplyTo.Tell(outcome.Reply is RealServerOverrideRejected ? outcome.Reply
                : new RealServerOverrideRejected(outcome.Command, $"unexpected answer {outcome.Reply.GetType().Name}"));
            Done();
            return;
        }

        var entry = OverrideRecorded.From(outcome.Command, _settings.Time.GetUtcNow());
        _pending = outcome;
        Persist(entry, e =>
        {
            _pending = null;
            _book = _book.Record(e);
            Context.System.EventStream.Publish(new OperatorActed(e.Describe(), e.RealServer, applied.VirtualServers, e.At));
            outcome.ReplyTo.Tell(applied);
            if (LastSequenceNr % SnapshotEvery == 0) SaveSnapshot(new OverridesSnapshot(_book.Entries));
            Done();
        });
    }

    private void Done()
    {
        Become(Ready);
        Stash.UnstashAll();
    }

    private void CommonHousekeeping()
    {
        Command<SaveSnapshotSuccess>(m =>
        {
            DeleteMessages(m.Metadata.SequenceNr);
            DeleteSnapshots(new SnapshotSelectionCriteria(m.Metadata.SequenceNr - 1));
        });
        Command<SaveSnapshotFailure>(m => _log.Warning("overrides: snapshot failed: {0}", m.Cause.Message));
        Command<DeleteMessagesSuccess>(_ => { });
        Command<DeleteMessagesFailure>(m => _log.Warning("overrides: trimming the journal failed: {0}", m.Cause.Message));
        Command<DeleteSnapshotsSuccess>(_ => { });
        Command<DeleteSnapshotsFailure>(_ => { });
    }

    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
    {
        _log.Error(cause, "overrides: storing {0} failed; the override is applied but will not outlive a restart", @event);
        _pending?.ReplyTo.Tell(new RealServerOverrideRejected(_pending.Command, $"applied, but storing it failed ({cause.Message}): it will not outlive a restart"));
        base.OnPersistFailure(cause, @event, sequenceNr);
    }

    private sealed record Outcome(RealServerOverrideCommand Command, object Reply, IActorRef ReplyTo);
}

/// <summary>The overrides in force, answered as an <see cref="OverridesSnapshot"/>.</summary>
public sealed record GetOverrides
{
    public static readonly GetOverrides Instance = new();
}

/// <param name="LbPath">Where <c>lb</c> runs (it may be restarted or started after this actor).</param>
public sealed record OverridesSettings(string NodeName, string LbPath, TimeSpan AskTimeout, TimeProvider Time)
{
    public const string DefaultLbPath = "/user/watchdog/lb";
}
