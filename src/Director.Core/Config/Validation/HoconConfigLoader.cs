using System.Globalization;
using Director.Core.Config.Binding;
using Director.Core.Config.Hocon;
using Director.Core.Config.Model;
using Director.Core.Config.Syntax;

namespace Director.Core.Config.Validation;

/// <summary>
/// Reads a HOCON topology into the model and runs <see cref="ModelValidator"/> on it: the HOCON
/// counterpart of <see cref="KeepalivedConfigLoader"/>. Diagnostics carry the file, the line of the
/// offending key when it is found in the text, and the HOCON path in the message.
/// </summary>
public static class HoconConfigLoader
{
    public static ConfigLoadResult Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return From(new HoconReadResult<KeepalivedConfig>(null, [$"{path}: cannot read: {e.Message}"], []), path, "");
        }
        return LoadText(text, path);
    }

    public static ConfigLoadResult LoadText(string hocon, string sourceName) =>
        From(HoconTopology.Read<KeepalivedConfig>(hocon, sourceName), sourceName, hocon);

    private static ConfigLoadResult From(HoconReadResult<KeepalivedConfig> read, string sourceName, string hocon)
    {
        var diagnostics = read.Errors.Select(e => ConfigDiagnostic.Error(Located(e, sourceName, out var message), message))
            .Concat(read.Warnings.Select(w => ConfigDiagnostic.Warning(Located(w, sourceName, out var message), message)))
            .ToList();
        if (read.Model is { } model)
            diagnostics.AddRange(ModelValidator.Validate(model, sourceName, HoconKeyLines.Of(hocon)));
        return new ConfigLoadResult(diagnostics.Any(d => d.IsError) ? null : read.Model, diagnostics);
    }

    /// <summary>The reader prefixes its messages with <c>source:line: </c> or <c>source: </c>, which the location carries instead.</summary>
    private static SourceLocation Located(string text, string sourceName, out string message)
    {
        message = text;
        if (!text.StartsWith(sourceName, StringComparison.Ordinal)) return new SourceLocation(sourceName, 0);
        var rest = text.AsSpan(sourceName.Length);
        if (rest.StartsWith(": "))
        {
            message = rest[2..].ToString();
            return new SourceLocation(sourceName, 0);
        }
        var end = rest.IndexOf(": ");
        if (rest.StartsWith(":") && end > 1 && int.TryParse(rest[1..end], NumberStyles.None, CultureInfo.InvariantCulture, out var line))
        {
            message = rest[(end + 2)..].ToString();
            return new SourceLocation(sourceName, line);
        }
        return new SourceLocation(sourceName, 0);
    }
}
