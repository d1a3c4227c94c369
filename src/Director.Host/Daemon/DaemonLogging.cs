using Director.Host.Management;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Json;

namespace Director.Host.Daemon;

/// <summary>
/// Serilog for the daemon: the console (the journal under systemd, each line at its priority) and
/// an optional file, with levels from director.log. Properties of structured log calls stay fields:
/// the file's JSON lines carry them, the text formats append them.
/// </summary>
public static class DaemonLogging
{
    private const string TerminalTemplate =
        "{Timestamp:HH:mm:ss.fff} {Level:u3} {ActorPath} {Message:lj}{NewLine}{Exception}";

    // journald stamps each line itself; "<N>" sets its priority.
    private const string JournalTemplate =
        "<{" + JournalPriorityEnricher.Property + "}>{Message:lj}{NewLine}{Exception}";

    private const string FileTextTemplate =
        "{Timestamp:yyyy-MM-ddTHH:mm:ss.fffzzz} {Level:u3} {SourceContext} {Message:lj} {Properties:j}{NewLine}{Exception}";

    public static ILogger Create(bool detailed) => Create(LogSettings.Default, detailed);

    /// <param name="detailed">-D: debug on every sink.</param>
    public static ILogger Create(LogSettings settings, bool detailed, bool? underJournal = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (detailed) settings = settings.Detailed();
        var journal = underJournal ?? Environment.GetEnvironmentVariable("JOURNAL_STREAM") is { Length: > 0 };
        var configuration = new LoggerConfiguration()
            .MinimumLevel.Is(settings.Lowest)
            .Enrich.FromLogContext()
            .Enrich.With<JournalPriorityEnricher>();
        foreach (var (source, level) in settings.Overrides)
            configuration.MinimumLevel.Override(source, level);
        if (settings.Console)
            configuration.WriteTo.Console(
                outputTemplate: journal ? JournalTemplate : TerminalTemplate,
                restrictedToMinimumLevel: settings.Level,
                standardErrorFromLevel: LogEventLevel.Verbose);
        if (settings.File.Length > 0)
        {
            if (settings.FileFormat == LogFileFormat.Json)
                configuration.WriteTo.File(new JsonFormatter(renderMessage: true), settings.File, settings.FileLevel);
            else
                configuration.WriteTo.File(settings.File, settings.FileLevel, FileTextTemplate);
        }
        return configuration.CreateLogger();
    }
}
