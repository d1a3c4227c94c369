using Director.Core.Config.Hocon;
using Director.Host.CommandLine;

namespace Director.Host.Commands;

/// <summary>`director convert`: the topology of a keepalived.conf (or HOCON file) as HOCON.</summary>
public static class ConvertCommand
{
    public static int Run(CliOptions options, CommandContext io)
    {
        var result = ConfigLoading.LoadOrReport(options, io, out var exitCode);
        if (result?.Config is null)
            return exitCode;
        var header = $"# director topology converted from {Path.GetFileName(options.ConfigFile)}\n";
        var hocon = header + HoconTopology.Write(result.Config, new HoconWriteOptions { WriteDefaults = options.WriteDefaults });
        if (options.OutputFile is { } output)
            File.WriteAllText(output, hocon);
        else
            io.Out.Write(hocon);
        return ExitCodes.Ok;
    }
}
