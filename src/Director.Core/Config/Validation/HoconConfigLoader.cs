using Director.Core.Config.Binding;
using Director.Core.Config.Hocon;
using Director.Core.Config.Model;
using Director.Core.Config.Syntax;

namespace Director.Core.Config.Validation;

/// <summary>
/// Reads a HOCON topology into the model and runs <see cref="ModelValidator"/> on it: the HOCON
/// counterpart of <see cref="KeepalivedConfigLoader"/>. Diagnostics carry the file (no line) and
/// the HOCON path in the message.
/// </summary>
public static class HoconConfigLoader
{
    public static ConfigLoadResult Load(string path) => From(HoconTopology.ReadFile<KeepalivedConfig>(path), path);

    public static ConfigLoadResult LoadText(string hocon, string sourceName) =>
        From(HoconTopology.Read<KeepalivedConfig>(hocon, sourceName), sourceName);

    private static ConfigLoadResult From(HoconReadResult<KeepalivedConfig> read, string sourceName)
    {
        var at = new SourceLocation(sourceName, 0);
        // The reader prefixes its messages with the source name, which the location already carries.
        var prefix = sourceName + ": ";
        string Message(string text) => text.StartsWith(prefix, StringComparison.Ordinal) ? text[prefix.Length..] : text;
        var diagnostics = read.Errors.Select(e => ConfigDiagnostic.Error(at, Message(e)))
            .Concat(read.Warnings.Select(w => ConfigDiagnostic.Warning(at, Message(w))))
            .ToList();
        if (read.Model is { } model)
            diagnostics.AddRange(ModelValidator.Validate(model, sourceName));
        return new ConfigLoadResult(diagnostics.Any(d => d.IsError) ? null : read.Model, diagnostics);
    }
}
