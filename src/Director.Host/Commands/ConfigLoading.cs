using Director.Core.Config.Binding;
using Director.Core.Config.Syntax;
using Director.Core.Config.Validation;
using Director.Host.CommandLine;

namespace Director.Host.Commands;

/// <summary>Loads the configuration the command line names, keepalived.conf or HOCON, into the model.</summary>
public static class ConfigLoading
{
    public static ParseOptions ParseOptionsFor(CliOptions options) =>
        options.ConfigId is { } id ? new ParseOptions { ConfigId = id } : new ParseOptions();

    public static bool IsHocon(CliOptions options) => options.Format switch
    {
        ConfigFormat.Hocon => true,
        ConfigFormat.Keepalived => false,
        _ => Path.GetExtension(options.ConfigFile).ToLowerInvariant() is ".hocon" or ".hcl",
    };

    public static ConfigLoadResult Load(CliOptions options) =>
        IsHocon(options)
            ? HoconConfigLoader.Load(options.ConfigFile)
            : KeepalivedConfigLoader.Load(options.ConfigFile, ParseOptionsFor(options));

    /// <summary>
    /// Loads the configuration for a command and prints its diagnostics; null with the exit code
    /// to return when the file cannot be read (4) or has errors (5).
    /// </summary>
    public static ConfigLoadResult? LoadOrReport(CliOptions options, CommandContext io, out int exitCode)
    {
        if (!File.Exists(options.ConfigFile))
        {
            io.Error.WriteLine($"{options.ConfigFile}: cannot read the configuration file");
            exitCode = ExitCodes.FileUnreadable;
            return null;
        }
        var result = Load(options);
        DiagnosticPrinter.Print(result.Diagnostics, io.Error);
        exitCode = result.HasErrors ? ExitCodes.ConfigErrors : ExitCodes.Ok;
        return result;
    }
}
