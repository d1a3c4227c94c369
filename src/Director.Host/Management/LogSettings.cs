using Akka.Configuration;
using Serilog.Events;

namespace Director.Host.Management;

/// <summary>The file sink's line format: one JSON object per event (every field) or readable text.</summary>
public enum LogFileFormat
{
    Json,
    Text,
}

/// <summary>director.log in hocon/director.conf: levels and sinks of the daemon's log.</summary>
/// <param name="Level">Minimum level of the console (the journal under systemd).</param>
/// <param name="File">The file sink's path; empty: no file.</param>
/// <param name="FileLevel">Minimum level of the file sink.</param>
/// <param name="Overrides">Minimum levels by source prefix (e.g. Akka = warning), for every sink.</param>
public sealed record LogSettings(
    LogEventLevel Level,
    bool Console,
    string File,
    LogEventLevel FileLevel,
    LogFileFormat FileFormat,
    IReadOnlyDictionary<string, LogEventLevel> Overrides)
{
    public static LogSettings Default { get; } = new(LogEventLevel.Information, true, "", LogEventLevel.Information, LogFileFormat.Json,
        new Dictionary<string, LogEventLevel>(StringComparer.Ordinal) { ["Microsoft"] = LogEventLevel.Warning });

    /// <summary>The lowest level any sink takes: what Akka must emit at all.</summary>
    public LogEventLevel Lowest => (LogEventLevel)Math.Min((int)(Console ? Level : LogEventLevel.Fatal), (int)(File.Length > 0 ? FileLevel : LogEventLevel.Fatal));

    /// <summary>-D (keepalived's detailed log): the console shows debug too.</summary>
    public LogSettings Detailed() => this with
    {
        Level = (LogEventLevel)Math.Min((int)Level, (int)LogEventLevel.Debug),
        FileLevel = (LogEventLevel)Math.Min((int)FileLevel, (int)LogEventLevel.Debug),
    };

    /// <summary>Reads director.log; a missing key keeps its default. Throws <see cref="SettingValueException"/> on a bad value.</summary>
    public static LogSettings From(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var overrides = new Dictionary<string, LogEventLevel>(Default.Overrides, StringComparer.Ordinal);
        if (config.HasPath("director.log.overrides"))
            foreach (var (source, value) in config.GetConfig("director.log.overrides").AsEnumerable())
            {
                var name = source.Trim('"');
                var path = name.Contains('.', StringComparison.Ordinal) ? $"director.log.overrides.\"{name}\"" : $"director.log.overrides.{name}";
                overrides[name] = (value.IsString() ? TryParseLevel(value.GetString()) : null)
                    ?? throw new SettingValueException(path, LevelForms, SettingsValues.Describe(value));
            }
        var level = ReadLevel(config, "director.log.level", "info");
        return new LogSettings(
            level,
            config.Flag("director.log.console", true),
            config.Text("director.log.file", ""),
            config.HasPath("director.log.file-level") ? ReadLevel(config, "director.log.file-level", "info") : level,
            config.OneOf("director.log.file-format", "json", "json", "text") == "text" ? LogFileFormat.Text : LogFileFormat.Json,
            overrides);
    }

    private static LogEventLevel ReadLevel(Config config, string path, string fallback) =>
        TryParseLevel(config.Text(path, fallback)) ?? throw SettingsValues.Bad(config, path, LevelForms);

    private const string LevelForms = "a log level (verbose, debug, info, warning, error, fatal)";

    /// <summary>keepalived/syslog and Serilog spellings: debug, info, notice, warning/warn, error/err, fatal/crit...; null when none.</summary>
    public static LogEventLevel? TryParseLevel(string value) => value.Trim().ToLowerInvariant() switch
    {
        "verbose" or "trace" => LogEventLevel.Verbose,
        "debug" => LogEventLevel.Debug,
        "info" or "information" or "notice" => LogEventLevel.Information,
        "warning" or "warn" => LogEventLevel.Warning,
        "error" or "err" => LogEventLevel.Error,
        "fatal" or "crit" or "critical" or "alert" or "emerg" => LogEventLevel.Fatal,
        _ => null,
    };
}
