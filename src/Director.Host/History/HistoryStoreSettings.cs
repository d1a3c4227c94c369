using Akka.Configuration;
using Director.Host.Management;

namespace Director.Host.History;

/// <summary>
/// Where the history and the operator overrides are journaled (director.history in
/// hocon/director.conf): SQLite in a file by default, or PostgreSQL.
/// </summary>
public sealed record HistoryStoreSettings(bool Enabled, string Provider, string Path, string ConnectionString, int Retention)
{
    public const string Sqlite = "sqlite";
    public const string PostgreSql = "postgresql";

    public static readonly HistoryStoreSettings Off = new(false, Sqlite, "", "", 10_000);

    /// <summary>Reads director.history; throws <see cref="SettingValueException"/> on a bad value.</summary>
    public static HistoryStoreSettings From(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var provider = config.OneOf("director.history.provider", Sqlite, Sqlite, PostgreSql);
        var retention = config.Integer("director.history.retention", 10_000, 1, int.MaxValue);
        return new HistoryStoreSettings(
            config.Flag("director.history.enabled", true),
            provider,
            config.Text("director.history.path", "") is { Length: > 0 } path ? path : DefaultPath(),
            config.Text("director.history.connection-string", ""),
            retention);
    }

    /// <summary>history.db in systemd's StateDirectory ($STATE_DIRECTORY), else in /var/lib/director.</summary>
    public static string DefaultPath() =>
        System.IO.Path.Combine(Environment.GetEnvironmentVariable("STATE_DIRECTORY") is { Length: > 0 } state ? state.Split(':')[0] : "/var/lib/director", "history.db");

    /// <summary>The ADO.NET connection string: the configured one, or (SQLite) the file at <see cref="Path"/>.</summary>
    public string EffectiveConnectionString =>
        !string.IsNullOrWhiteSpace(ConnectionString) ? ConnectionString
        : Provider == Sqlite ? $"Data Source={Path}"
        : "";

    /// <summary>Why the store cannot be used (the daemon then runs without history), or null.</summary>
    public string? Problem()
    {
        if (Provider == PostgreSql)
            return string.IsNullOrWhiteSpace(ConnectionString) ? "director.history.connection-string is empty (provider postgresql)" : null;
        if (!string.IsNullOrWhiteSpace(ConnectionString)) return null;
        if (string.IsNullOrWhiteSpace(Path)) return "director.history.path is empty";
        var folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path)) ?? "/";
        try
        {
            Directory.CreateDirectory(folder);
            var probe = System.IO.Path.Combine(folder, $".director-write-test-{Environment.ProcessId}");
            File.WriteAllText(probe, "");
            File.Delete(probe);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"{folder} is not writable ({e.Message})";
        }
    }
}
