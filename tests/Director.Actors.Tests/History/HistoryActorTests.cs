using Akka.Actor;
using Akka.TestKit.Xunit2;
using Director.Actors.Balancing;
using Director.Actors.History;
using Director.Actors.Vrrp;
using Director.Core.Vrrp;

namespace Director.Actors.Tests.History;

public class HistoryActorTests() : TestKit(PersistenceTestConfig.Config)
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(10);
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private IReadOnlyList<HistoryEntry> Entries(IActorRef history, int limit = 100, DateTimeOffset? since = null) =>
        history.Ask<HistoryPage>(new GetHistory(limit, since), Settle).GetAwaiter().GetResult().Entries;

    private IActorRef Start(HistorySettings settings, string name)
    {
        var history = Sys.ActorOf(HistoryActor.Props(settings), name);
        Entries(history); // recovered and subscribed
        return history;
    }

    private void Stop(IActorRef actor)
    {
        Watch(actor);
        Sys.Stop(actor);
        ExpectTerminated(actor, Settle);
    }

    [Fact]
    public void Journals_vrrp_real_server_and_operator_events_from_the_event_stream_and_recovers_them()
    {
        var settings = new HistorySettings("n1");
        var history = Start(settings, "history");
        Sys.EventStream.Publish(new VrrpTransitioned("VI_1", VrrpState.Backup, VrrpState.Master, 100, T0));
        Sys.EventStream.Publish(new RealServerTransitioned("vs-10.0.0.1:80", "192.168.1.20:80", true, false, null, T0.AddSeconds(1)));
        Sys.EventStream.Publish(new OperatorActed("drain", "192.168.1.21", ["vs-10.0.0.1:80"], T0.AddSeconds(2)));
        var expected = new[]
        {
            new HistoryEntry(T0, HistoryKinds.Vrrp, "VI_1", "BACKUP", "MASTER", "priority 100"),
            new HistoryEntry(T0.AddSeconds(1), HistoryKinds.RealServer, "vs-10.0.0.1:80 192.168.1.20:80", "up", "down", null),
            new HistoryEntry(T0.AddSeconds(2), HistoryKinds.Operator, "192.168.1.21", null, "drain", "vs-10.0.0.1:80"),
        };
        AwaitAssert(() => Assert.Equal(expected, Entries(history)), Settle);
        Assert.Equal(expected[1..], Entries(history, since: T0.AddSeconds(1)));
        Assert.Equal(expected[2..], Entries(history, limit: 1));

        Stop(history);
        var again = Start(settings, "history-again");
        Assert.Equal(expected, Entries(again));
    }

    [Fact]
    public void Keeps_only_the_last_entries_across_snapshots_and_recovery()
    {
        var settings = new HistorySettings("n2", Retention: 5, SnapshotEvery: 4);
        var history = Start(settings, "history");
        for (var i = 0; i < 11; i++)
            history.Tell(new OperatorActed("drain", $"192.168.1.{i}", [], T0.AddSeconds(i)));
        AwaitAssert(() => Assert.Equal(Enumerable.Range(6, 5).Select(i => $"192.168.1.{i}"), Entries(history).Select(e => e.Subject)), Settle);

        Stop(history);
        var again = Start(settings, "history-again");
        Assert.Equal(Enumerable.Range(6, 5).Select(i => $"192.168.1.{i}"), Entries(again).Select(e => e.Subject));
    }
}
