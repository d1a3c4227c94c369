using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using Director.Actors.Balancing;
using Director.Actors.Vrrp;

namespace Director.Actors.History;

/// <summary>
/// <c>history</c>: journals VRRP transitions, real servers going up or down and operator actions
/// (all taken from the event stream) and answers <see cref="GetHistory"/>. Retention is bounded:
/// every <see cref="HistorySettings.SnapshotEvery"/> entries it snapshots the last
/// <see cref="HistorySettings.Retention"/> and deletes the journal up to there.
/// </summary>
public sealed class HistoryActor : ReceivePersistentActor
{
    private readonly HistorySettings _settings;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly LinkedList<HistoryEntry> _entries = new();

    public HistoryActor(HistorySettings settings)
    {
        _settings = settings;
        PersistenceId = $"history-{settings.NodeName}";

        Recover<SnapshotOffer>(offer =>
        {
            if (offer.Snapshot is HistorySnapshot snapshot)
                foreach (var entry in snapshot.Entries) Add(entry);
        });
        Recover<HistoryEntry>(Add);
        Recover<RecoveryCompleted>(_ => _log.Info("history: {0} entries recovered", _entries.Count));

        Command<VrrpTransitioned>(m => Record(HistoryEntries.From(m)));
        Command<RealServerTransitioned>(m => Record(HistoryEntries.From(m)));
        Command<OperatorActed>(m => Record(HistoryEntries.From(m)));
        Command<GetHistory>(m => Sender.Tell(Page(m)));
        Command<SaveSnapshotSuccess>(m =>
        {
            DeleteMessages(m.Metadata.SequenceNr);
            DeleteSnapshots(new SnapshotSelectionCriteria(m.Metadata.SequenceNr - 1));
        });
        Command<SaveSnapshotFailure>(m => _log.Warning("history: snapshot failed: {0}", m.Cause.Message));
        Command<DeleteMessagesSuccess>(_ => { });
        Command<DeleteMessagesFailure>(m => _log.Warning("history: trimming the journal failed: {0}", m.Cause.Message));
        Command<DeleteSnapshotsSuccess>(_ => { });
        Command<DeleteSnapshotsFailure>(m => _log.Warning("history: deleting old snapshots failed: {0}", m.Cause.Message));
    }

    public override string PersistenceId { get; }

    public static Props Props(HistorySettings settings) => Akka.Actor.Props.Create(() => new HistoryActor(settings));

    protected override void PreStart()
    {
        Context.System.EventStream.Subscribe(Self, typeof(VrrpTransitioned));
        Context.System.EventStream.Subscribe(Self, typeof(RealServerTransitioned));
        Context.System.EventStream.Subscribe(Self, typeof(OperatorActed));
        base.PreStart();
    }

    protected override void PostStop()
    {
        Context.System.EventStream.Unsubscribe(Self);
        base.PostStop();
    }

    private void Record(HistoryEntry entry) =>
        Persist(entry, e =>
        {
            Add(e);
            if (LastSequenceNr % _settings.SnapshotEvery == 0)
                SaveSnapshot(new HistorySnapshot(_entries.ToArray()));
        });

    private void Add(HistoryEntry entry)
    {
        _entries.AddLast(entry);
        while (_entries.Count > _settings.Retention) _entries.RemoveFirst();
    }

    private HistoryPage Page(GetHistory query)
    {
        var matching = query.Since is { } since ? _entries.Where(e => e.At >= since) : _entries;
        var list = matching.ToList();
        var limit = Math.Max(0, query.Limit);
        return new HistoryPage(list.Skip(Math.Max(0, list.Count - limit)).ToArray());
    }
}

/// <summary>
/// <paramref name="NodeName"/> keeps the journals of several directors apart in one shared database;
/// <paramref name="Retention"/> entries are kept, trimmed every <paramref name="SnapshotEvery"/>.
/// </summary>
public sealed record HistorySettings(string NodeName, int Retention = 10_000, int SnapshotEvery = 1_000);
