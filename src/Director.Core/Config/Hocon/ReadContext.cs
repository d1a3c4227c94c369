using Akka.Configuration.Hocon;

namespace Director.Core.Config.Hocon;

/// <summary>Collects the errors and warnings of one read, each prefixed with source and HOCON path.</summary>
internal sealed class ReadContext(string sourceName)
{
    public List<string> Errors { get; } = [];

    public List<string> Warnings { get; } = [];

    public void Error(HoconPath path, string message) => Errors.Add($"{sourceName}: {path}: {message}");

    public void Warning(HoconPath path, string message) => Warnings.Add($"{sourceName}: {path}: {message}");

    public void Expected(HoconPath path, string expected, HoconValue got) =>
        Error(path, $"expected {expected}, got {HoconValues.Describe(got)}");
}
