namespace Director.Host.CommandLine;

/// <summary>What the command line asked for, with keepalived's option names where they exist.</summary>
public sealed record CliOptions
{
    public const string DefaultConfigFile = "/etc/keepalived/keepalived.conf";

    public CliVerb Verb { get; init; } = CliVerb.Run;
    public string ConfigFile { get; init; } = DefaultConfigFile;
    public string? ConfigId { get; init; }
    public ConfigFormat Format { get; init; } = ConfigFormat.Auto;
    public string? OutputFile { get; init; }
    public bool DontFork { get; init; }
    public bool LogConsole { get; init; }
    public bool LogDetail { get; init; }

    /// <summary>-S: keepalived's syslog facility (0-7 for LOCAL0-7); accepted, the journal's facility comes from the unit.</summary>
    public int? LogFacility { get; init; }
    public bool VrrpOnly { get; init; }
    public bool CheckOnly { get; init; }
    public bool DumpConfigAtStart { get; init; }
    public bool DontReleaseVrrp { get; init; }
    public bool DontReleaseIpvs { get; init; }

    /// <summary>--lb-backend: auto, nftables or ipvs; null: the HOCON setting director.lb.backend.</summary>
    public string? LbBackend { get; init; }
    public string? PidFile { get; init; }
    public string? VrrpPidFile { get; init; }
    public string? CheckersPidFile { get; init; }
    public bool WriteDefaults { get; init; }
    /// <summary>HOCON file overriding hocon/director.conf (cluster, management endpoint).</summary>
    public string? SettingsFile { get; init; }
    public bool Json { get; init; }
    public string? Endpoint { get; init; }

    /// <summary>history: how many entries (--limit).</summary>
    public int? Limit { get; init; }

    /// <summary>drain / undrain / weight: only this virtual server (--vs NAME).</summary>
    public string? VirtualServer { get; init; }

    /// <summary>Positional words of drain / undrain / weight (real server, weight).</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];
}

public enum ConfigFormat
{
    Auto,
    Keepalived,
    Hocon,
}
