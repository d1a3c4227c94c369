using Akka.Configuration;
using Director.Core.Config.Hocon;
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

    /// <summary>director.lb: the forwarding backend and its timers (defaults in hocon/akka.conf).</summary>
    public LbSettings Lb { get; init; } = LbSettings.Default;

    /// <summary>
    /// Layers <paramref name="overrideFiles"/> (later ones win) over the shipped defaults.
    /// Throws <see cref="OpsSettingsException"/> naming the file (and the line, for a syntax error
    /// or a bad value) on a read, parse or value error.
    /// </summary>
    public static OpsSettings Load(IEnumerable<string> overrideFiles)
    {
        var files = new List<(string Path, string Text)>();
        var config = ConfigurationFactory.ParseString(HoconFiles.Read("director.conf"));
        foreach (var file in overrideFiles)
        {
            var text = "";
            try
            {
                text = File.ReadAllText(file);
                if (HoconSyntaxCheck.FindError(text) is { } syntax)
                    throw new OpsSettingsException($"{file}:{syntax.Line}: HOCON syntax error at column {syntax.Column}: {syntax.Problem}", null);
                config = ConfigurationFactory.ParseString(text).WithFallback(config);
                files.Add((file, text));
            }
            catch (Exception e) when (e is ConfigurationException or FormatException && HoconParseFailure.LineOf(text, e.Message) is { } line)
            {
                throw new OpsSettingsException($"{file}:{line}: {e.Message}", e);
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
        catch (OpsSettingsException e) when (e.InnerException is SettingValueException bad)
        {
            throw new OpsSettingsException($"{Where(bad.Path, files)}: {bad.Message}", bad);
        }
    }

    /// <summary><c>file:line</c> of the last file that sets <paramref name="path"/>; the files, or the defaults, when none is found.</summary>
    private static string Where(string path, IReadOnlyList<(string Path, string Text)> files)
    {
        for (var i = files.Count - 1; i >= 0; i--)
            if (HoconKeyLines.LineOf(files[i].Text, path) is { } line)
                return $"{files[i].Path}:{line}";
        return files.Count > 0 ? string.Join(", ", files.Select(f => f.Path)) : "director settings";
    }

    /// <summary>Reads every director.* setting; throws <see cref="OpsSettingsException"/> (holding the <see cref="SettingValueException"/>) on a bad value.</summary>
    public static OpsSettings From(Config config)
    {
        try
        {
            foreach (var section in Sections) config.Section(section);
            return new OpsSettings(
                config.Text("director.node-name", ""),
                new ClusterSettings(
                    config.Flag("director.cluster.enabled", false),
                    config.HostName("director.cluster.hostname", "127.0.0.1"),
                    config.Port("director.cluster.port", 4053),
                    SeedNodes(config),
                    config.Duration("director.cluster.query-timeout", TimeSpan.FromSeconds(2), TimeSpan.FromMilliseconds(1), TimeSpan.FromMinutes(10))),
                new ManagementSettings(
                    config.Flag("director.management.enabled", true),
                    config.HostName("director.management.hostname", "127.0.0.1"),
                    config.Port("director.management.port", 8558)),
                config.Integer("director.state.recent-transitions", 50, 0, 100_000))
            {
                Log = LogSettings.From(config),
                History = HistoryStoreSettings.From(config),
                Lb = LbSettings.From(config),
            };
        }
        catch (SettingValueException e)
        {
            throw new OpsSettingsException($"director settings: {e.Message}", e);
        }
    }

    private static readonly string[] Sections =
    [
        "director", "director.cluster", "director.management", "director.state", "director.log", "director.log.overrides", "director.history", "director.lb",
    ];

    private static IReadOnlyList<string> SeedNodes(Config config)
    {
        var seeds = config.Texts("director.cluster.seed-nodes");
        for (var i = 0; i < seeds.Count; i++)
            if (!Uri.TryCreate(seeds[i], UriKind.Absolute, out var uri) || uri.Scheme is not ("akka.tcp" or "akka")
                || uri.UserInfo.Length == 0 || uri.Port <= 0)
                throw new SettingValueException($"director.cluster.seed-nodes[{i}]", "an Akka address such as akka.tcp://director@10.0.0.2:4053", $"\"{seeds[i]}\"");
        return seeds;
    }

    /// <summary>The name this director reports: node-name, else global_defs' router_id, else the host name.</summary>
    public string EffectiveNodeName(string? routerId) =>
        !string.IsNullOrWhiteSpace(NodeName) ? NodeName
        : !string.IsNullOrWhiteSpace(routerId) ? routerId
        : Environment.MachineName;
}

public sealed class OpsSettingsException(string message, Exception? inner) : Exception(message, inner);
