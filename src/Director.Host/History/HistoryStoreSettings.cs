using Akka.Configuration;

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

    public static HistoryStoreSettings From(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var provider = config.GetString("director.history.provider", Sqlite).ToLowerInvariant();
        if (provider is not (Sqlite or PostgreSql))
            throw new FormatException($"director.history.provider must be {Sqlite} or {PostgreSql}, not '{provider}'");
        var retention = config.GetInt("director.history.retention", 10_000);
        if (retention < 1) throw new FormatException("director.history.retention must be 1 or more");
        return new HistoryStoreSettings(
            config.GetBoolean("director.history.enabled", true),
            provider,
            config.GetString("director.history.path", "") is { Length: > 0 } path ? path : DefaultPath(),
            config.GetString("director.history.connection-string", ""),
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
