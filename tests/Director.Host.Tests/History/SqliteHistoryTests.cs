using Akka.Actor;
using Akka.Hosting;
using Director.Actors.Balancing;
using Director.Actors.History;
using Director.Host.History;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Serilog;

namespace Director.Host.Tests.History;

/// <summary>The history and overrides actors on the real SQL journal (SQLite in a temp file), across two actor systems.</summary>
public sealed class SqliteHistoryTests : IDisposable
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(15);
    private readonly string _dir = Directory.CreateTempSubdirectory("director-history-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private HistoryStoreSettings Settings => HistoryStoreSettings.Off with { Enabled = true, Path = Path.Combine(_dir, "state", "history.db") };

    private static async Task<IHost> StartAsync(HistoryStoreSettings settings, List<RealServerOverrideCommand> lbSaw)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Services.AddAkka("history-test", (akka, _) =>
        {
            Assert.True(HistoryWiring.Configure(akka, settings, new LoggerConfiguration().CreateLogger()));
            akka.WithActors((system, registry) =>
            {
                HistoryWiring.Start(system, registry, "node-a", settings);
                system.ActorOf(Props.Create(() => new FakeWatchdog(lbSaw)), "watchdog");
            });
        });
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    [Fact]
    public async Task History_and_overrides_survive_a_restart_of_the_actor_system()
    {
        var lbSaw = new List<RealServerOverrideCommand>();
        var at = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
        var drain = new RealServerOverrideCommand(null, new RealServerSelector(System.Net.IPAddress.Parse("10.0.1.2"), null), new DrainOverride());
        using (var host = await StartAsync(Settings, lbSaw))
        {
            var registry = host.Services.GetRequiredService<ActorRegistry>();
            var system = host.Services.GetRequiredService<ActorSystem>();
            var history = registry.Get<HistoryActorKey>();
            await history.Ask<HistoryPage>(new GetHistory(10), Settle); // recovered and subscribed
            system.EventStream.Publish(new RealServerTransitioned("vs-10.0.0.1:80", "10.0.1.3:80", true, false, null, at));
            var applied = await registry.Get<OverridesActorKey>().Ask<object>(drain, Settle);
            Assert.Equal(["vs-10.0.0.1:80"], Assert.IsType<RealServerOverrideApplied>(applied).VirtualServers);
            await AwaitEntries(history, 2);
            await host.StopAsync();
        }

        lock (lbSaw) lbSaw.Clear();
        using (var host = await StartAsync(Settings, lbSaw))
        {
            var history = host.Services.GetRequiredService<ActorRegistry>().Get<HistoryActorKey>();
            var entries = await AwaitEntries(history, 2);
            Assert.Equal(new HistoryEntry(at, "real-server", "vs-10.0.0.1:80 10.0.1.3:80", "up", "down", null), entries[0]);
            Assert.Equal(("operator", "10.0.1.2", "drain", "vs-10.0.0.1:80"), (entries[1].Kind, entries[1].Subject, entries[1].To, entries[1].Detail));
            var deadline = DateTime.UtcNow + Settle;
            while (DateTime.UtcNow < deadline && !Saw(lbSaw, drain)) await Task.Delay(100);
            Assert.True(Saw(lbSaw, drain), "the recovered drain was not sent to lb again");
            await host.StopAsync();
        }
    }

    private static bool Saw(List<RealServerOverrideCommand> lbSaw, RealServerOverrideCommand command)
    {
        lock (lbSaw) return lbSaw.Contains(command);
    }

    private static async Task<IReadOnlyList<HistoryEntry>> AwaitEntries(IActorRef history, int count)
    {
        var deadline = DateTime.UtcNow + Settle;
        IReadOnlyList<HistoryEntry> entries = [];
        while (DateTime.UtcNow < deadline)
        {
            entries = (await history.Ask<HistoryPage>(new GetHistory(100), Settle)).Entries;
            if (entries.Count >= count) return entries;
            await Task.Delay(100);
        }
        Assert.Fail($"history has {entries.Count} entries, expected {count}");
        return entries;
    }

    /// <summary>/user/watchdog/lb stand-in: applies every override to vs-10.0.0.1:80 and remembers it.</summary>
    private sealed class FakeWatchdog : ReceiveActor
    {
        public FakeWatchdog(List<RealServerOverrideCommand> saw) =>
            Context.ActorOf(Props.Create(() => new FakeLb(saw)), "lb");
    }

    private sealed class FakeLb : ReceiveActor
    {
        public FakeLb(List<RealServerOverrideCommand> saw) =>
            Receive<RealServerOverrideCommand>(m =>
            {
                lock (saw) saw.Add(m);
                Sender.Tell(new RealServerOverrideApplied(m, ["vs-10.0.0.1:80"]));
            });
    }
}
