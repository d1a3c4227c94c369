using Director.Core.Config.Binding;
using Director.Core.Config.Hocon;
using Director.Core.Config.Model;
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

    public static ConfigLoadResult Load(CliOptions options)
    {
        if (!IsHocon(options))
            return KeepalivedConfigLoader.Load(options.ConfigFile, ParseOptionsFor(options));

        var read = HoconTopology.ReadFile<KeepalivedConfig>(options.ConfigFile);
        var at = new SourceLocation(options.ConfigFile, 0);
        var diagnostics = read.Errors.Select(e => ConfigDiagnostic.Error(at, e))
            .Concat(read.Warnings.Select(w => ConfigDiagnostic.Warning(at, w)))
            .ToList();
        if (read.Model is { } model)
            diagnostics.AddRange(ModelValidator.Validate(model, options.ConfigFile));
        var hasErrors = diagnostics.Any(d => d.IsError);
        return new ConfigLoadResult(hasErrors ? null : read.Model, diagnostics);
    }
}
