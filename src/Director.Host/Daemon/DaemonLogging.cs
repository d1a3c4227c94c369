using Serilog;
using Serilog.Events;

namespace Director.Host.Daemon;

/// <summary>Serilog for the daemon: structured console output a systemd journal reads well.</summary>
public static class DaemonLogging
{
    private const string Template =
        "{Timestamp:HH:mm:ss.fff} {Level:u3} {ActorPath} {Message:lj}{NewLine}{Exception}";

    public static ILogger Create(bool detailed) =>
        new LoggerConfiguration()
            .MinimumLevel.Is(detailed ? LogEventLevel.Debug : LogEventLevel.Information)
            .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
            .Enrich.FromLogContext()
            .WriteTo.Console(outputTemplate: Template, standardErrorFromLevel: LogEventLevel.Verbose)
            .CreateLogger();
}
