using Director.Host.CommandLine;
using Director.Host.Daemon;
using Director.Host.Management;

namespace Director.Host.Commands;

/// <summary>`director run` (or keepalived's options alone): load, check, then run until SIGTERM/SIGINT.</summary>
public static class RunCommand
{
    public static int Run(CliOptions options, CommandContext io)
    {
        var result = ConfigLoading.LoadOrReport(options, io, out var exitCode);
        if (result?.Config is null)
        {
            if (exitCode == ExitCodes.ConfigErrors)
                io.Error.WriteLine($"{options.ConfigFile}: configuration is not valid: not starting");
            return exitCode;
        }
        if (options.DumpConfigAtStart)
            DumpConfigCommand.Run(options, io);
        var settings = DaemonSettings.From(options);
        if (!OpsSettingsLoading.TryLoad(options, io, out var ops))
            return ExitCodes.ConfigErrors;
        var logger = DaemonLogging.Create(ops.Log, settings.Detailed);
        if (options.LogFacility is { } facility)
            logger.Information("-S {Facility}: director does not write to syslog; under systemd the unit's SyslogFacility= applies", facility);
        try
        {
            return DirectorDaemon.RunAsync(result.Config, settings, logger, ops,
                () => ConfigLoading.Load(options), () => OpsSettings.Load(OpsSettingsLoading.OverrideFiles(options))).GetAwaiter().GetResult();
        }
        finally
        {
            (logger as IDisposable)?.Dispose(); // flushes the file sink
        }
    }
}
