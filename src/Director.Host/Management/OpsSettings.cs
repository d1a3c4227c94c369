using Akka.Configuration;
using Director.Host.Daemon;
using Director.Host.History;

namespace Director.Host.Management;

/// <summary>The cluster of directors (director.cluster in hocon/director.conf).</summary>
public sealed record ClusterSettings(bool Enabled, string Hostname, int Port, IReadOnlyList<string> SeedNodes, TimeSpan QueryTimeout)
{
    public const string SystemName = "director";

    public string SelfAddress => $"akka.tcp://{SystemName}@{Hostname}:{Port}";

    /// <summary>The configured seeds, or this node alone (a cluster of one until others join it).</summary>
    public IReadOnlyList<string> EffectiveSeedNodes => SeedNodes.Count > 0 ? SeedNodes : [SelfAddress];
}

/// <summary>The management HTTP endpoint (director.management).</summary>
public sealed record ManagementSettings(bool Enabled, string Hostname, int Port)
{
    public string Url => $"http://{(Hostname.Contains(':') ? $"[{Hostname}]" : Hostname)}:{Port}";
}

/// <summary>Operations settings of `director run`: hocon/director.conf with the operator's overrides on top.</summary>
public sealed record OpsSettings(string NodeName, ClusterSettings Cluster, ManagementSettings Management, int RecentTransitions)
{
    /// <summary>director.log: levels and sinks.</summary>
    public LogSettings Log { get; init; } = LogSettings.Default;

    /// <summary>Where history and operator overrides are journaled (director.history).</summary>
    public HistoryStoreSettings History { get; init; } = HistoryStoreSettings.Off;

    public static OpsSettings Defaults => From(ConfigurationFactory.ParseString(HoconFiles.Read("director.conf")));

    /// <summary>
    /// Layers <paramref name="overrideFiles"/> (later ones win) over the shipped defaults.
    /// Throws <see cref="OpsSettingsException"/> naming the file on a read or parse error.
    /// </summary>
    public static OpsSettings Load(IEnumerable<string> overrideFiles)
    {
        var files = overrideFiles.ToList();
        var config = ConfigurationFactory.ParseString(HoconFiles.Read("director.conf"));
        foreach (var file in files)
        {
            try
            {
                config = ConfigurationFactory.ParseString(File.ReadAllText(file)).WithFallback(config);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ConfigurationException or FormatException)
            {
                throw new OpsSettingsException($"{file}: {e.Message}", e);
            }
        }
        try
        {
            return From(config);
        }
        catch (OpsSettingsException e) when (files.Count > 0)
        {
            // A value is checked once the files are merged: name the files it may come from.
            throw new OpsSettingsException($"{string.Join(", ", files)}: {e.Message}", e);
        }
    }

    public static OpsSettings From(Config config)
    {
        try
        {
            return new OpsSettings(
                config.GetString("director.node-name", ""),
                new ClusterSettings(
                    config.GetBoolean("director.cluster.enabled", false),
                    config.GetString("director.cluster.hostname", "127.0.0.1"),
                    config.GetInt("director.cluster.port", 4053),
                    [.. config.GetStringList("director.cluster.seed-nodes") ?? []],
                    config.GetTimeSpan("director.cluster.query-timeout", TimeSpan.FromSeconds(2))),
                new ManagementSettings(
                    config.GetBoolean("director.management.enabled", true),
                    config.GetString("director.management.hostname", "127.0.0.1"),
                    config.GetInt("director.management.port", 8558)),
                config.GetInt("director.state.recent-transitions", 50))
            {
                Log = LogSettings.From(config),
                History = HistoryStoreSettings.From(config),
            };
        }
        catch (Exception e) when (e is ConfigurationException or FormatException or InvalidCastException)
        {
            throw new OpsSettingsException($"director settings: {e.Message}", e);
        }
    }

    /// <summary>The name this director reports: node-name, else global_defs' router_id, else the host name.</summary>
    public string EffectiveNodeName(string? routerId) =>
        !string.IsNullOrWhiteSpace(NodeName) ? NodeName
        : !string.IsNullOrWhiteSpace(routerId) ? routerId
        : Environment.MachineName;
}

public sealed class OpsSettingsException(string message, Exception inner) : Exception(message, inner);
