using Akka.Configuration.Hocon;

namespace Director.Core.Config.Hocon;

/// <summary>
/// Collects the errors and warnings of one read, each prefixed with <c>source:line</c> (the line
/// of the key, else of its closest enclosing key; just the source when none is found) and the HOCON path.
/// </summary>
internal sealed class ReadContext(string sourceName, string text)
{
    private HoconKeyLines? _lines;

    public List<string> Errors { get; } = [];

    public List<string> Warnings { get; } = [];

    public void Error(HoconPath path, string message) => Errors.Add($"{At(path)}: {path}: {message}");

    public void Warning(HoconPath path, string message) => Warnings.Add($"{At(path)}: {path}: {message}");

    public void Expected(HoconPath path, string expected, HoconValue got) =>
        Error(path, $"expected {expected}, got {HoconValues.Describe(got)}");

    private string At(HoconPath path)
    {
        _lines ??= HoconKeyLines.Of(text);
        return _lines.NearestLineOf(path.ToString()) is { } line ? $"{sourceName}:{line}" : sourceName;
    }
}
