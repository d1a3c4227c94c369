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
}
