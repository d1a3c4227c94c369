using Director.Host.CommandLine;
using Director.Host.Daemon;

namespace Director.Host.Commands;

/// <summary>`director run` (or keepalived's options alone): load, check, then run until SIGTERM/SIGINT.</summary>
public static class RunCommand
{
    public static int Run(CliOptions options, CommandContext io)
    {
        if (!File.Exists(options.ConfigFile))
        {
            io.Error.WriteLine($"{options.ConfigFile}: cannot read the configuration file");
            return ExitCodes.FileUnreadable;
        }
        var result = ConfigLoading.Load(options);
        DiagnosticPrinter.Print(result.Diagnostics, io.Error);
        if (result.Config is null)
        {
            io.Error.WriteLine($"{options.ConfigFile}: configuration is not valid: not starting");
            return ExitCodes.ConfigErrors;
        }
        if (options.DumpConfigAtStart)
            DumpConfigCommand.Run(options, io);
        var settings = DaemonSettings.From(options);
        var logger = DaemonLogging.Create(settings.Detailed);
        return DirectorDaemon.RunAsync(result.Config, settings, logger).GetAwaiter().GetResult();
    }
}
