using Serilog.Core;
using Serilog.Events;

namespace Director.Host.Daemon;

/// <summary>
/// Adds <c>SyslogPriority</c> (0-7) so that a console line can start with systemd's "&lt;N&gt;"
/// prefix: journald then files each line at its own priority (SyslogLevelPrefix=, on by default).
/// </summary>
internal sealed class JournalPriorityEnricher : ILogEventEnricher
{
    public const string Property = "SyslogPriority";

    private static readonly LogEventProperty[] Priorities =
        [.. new[] { 7, 7, 6, 4, 3, 2 }.Select(p => new LogEventProperty(Property, new ScalarValue(p)))];

    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory) =>
        logEvent.AddPropertyIfAbsent(Priorities[(int)logEvent.Level]);
}
