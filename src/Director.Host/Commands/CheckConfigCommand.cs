using Director.Host.CommandLine;

namespace Director.Host.Commands;

/// <summary>`director check-config` / `director -t`: every problem listed, keepalived's exit codes.</summary>
public static class CheckConfigCommand
{
    public static int Run(CliOptions options, CommandContext io)
    {
        var result = ConfigLoading.LoadOrReport(options, io, out var exitCode);
        if (result is null)
            return exitCode;
        var errors = result.Diagnostics.Count(d => d.IsError);
        var warnings = result.Diagnostics.Count - errors;
        if (errors > 0)
        {
            io.Error.WriteLine($"{options.ConfigFile}: {errors} error(s), {warnings} warning(s): configuration is not valid");
            return ExitCodes.ConfigErrors;
        }
        var config = result.Config!;
        io.Out.WriteLine($"{options.ConfigFile}: configuration is valid ({warnings} warning(s)): " +
            $"{config.VrrpInstance.Count} vrrp_instance, {config.VrrpSyncGroup.Count} vrrp_sync_group, " +
            $"{config.VirtualServer.Count} virtual_server, {config.VirtualServer.Sum(v => v.RealServer.Count)} real_server");
        return ExitCodes.Ok;
    }
}
