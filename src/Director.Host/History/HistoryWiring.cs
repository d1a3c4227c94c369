using Akka.Actor;
using Akka.Configuration;
using Akka.Hosting;
using Akka.Pattern;
using Akka.Persistence.Sql.Hosting;
using Director.Actors.History;
using Serilog;

namespace Director.Host.History;

/// <summary>
/// Journals the history and the operator overrides with Akka.Persistence.Sql: SQLite in a file by
/// default, PostgreSQL by configuration. A store that cannot be used is logged and the daemon runs
/// without history (operator actions then apply but do not outlive a restart).
/// </summary>
public static class HistoryWiring
{
    public const string HistoryName = "history";
    public const string OverridesName = "overrides";

    /// <summary>Adds the SQL journal to <paramref name="akka"/>; false when the history is off or its store unusable.</summary>
    public static bool Configure(AkkaConfigurationBuilder akka, HistoryStoreSettings settings, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(akka);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(logger);
        if (!settings.Enabled)
        {
            logger.Information("history: off (director.history.enabled)");
            return false;
        }

        if (settings.Problem() is { } problem)
        {
            logger.Error("history: {Problem}; running without history (operator actions will not outlive a restart)", problem);
            return false;
        }

        akka.AddHocon(ConfigurationFactory.ParseString(HistorySerializer.Hocon), HoconAddMode.Prepend);
        akka.WithSqlPersistence(
            connectionString: settings.EffectiveConnectionString,
            providerName: settings.Provider == HistoryStoreSettings.PostgreSql ? LinqToDB.ProviderName.PostgreSQL15 : LinqToDB.ProviderName.SQLiteMS,
            autoInitialize: true);
        logger.Information("history: journal in {Store}", settings.Provider == HistoryStoreSettings.PostgreSql ? "PostgreSQL" : settings.Path);
        return true;
    }

    /// <summary>Starts <c>history</c> and <c>overrides</c> (each restarted with a back-off if its store fails) and registers them.</summary>
    public static void Start(ActorSystem system, IActorRegistry registry, string nodeName, HistoryStoreSettings settings)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(settings);
        var history = system.ActorOf(Backoff(HistoryActor.Props(new HistorySettings(nodeName, settings.Retention)), HistoryName), HistoryName + "-guard");
        var overrides = system.ActorOf(Backoff(OverridesActor.Props(new OverridesSettings(
            nodeName, OverridesSettings.DefaultLbPath, TimeSpan.FromSeconds(5), TimeProvider.System)), OverridesName), OverridesName + "-guard");
        registry.Register<HistoryActorKey>(history);
        registry.Register<OverridesActorKey>(overrides);
    }

    private static Props Backoff(Props child, string name) =>
        BackoffSupervisor.Props(Akka.Pattern.Backoff.OnStop(child, name, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), 0.2, maxNrOfRetries: -1));
}
