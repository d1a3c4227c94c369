using System.Globalization;
using System.Text.RegularExpressions;

namespace Director.Integration.Tests.Management;

/// <summary>A strict reader of the Prometheus text format: every line is a comment or a valid sample.</summary>
public static partial class PrometheusSamples
{
    [GeneratedRegex("""^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>[^}]*)\})? (?<value>\S+)$""")]
    private static partial Regex SampleLine();

    [GeneratedRegex("""^(?<key>[a-zA-Z_][a-zA-Z0-9_]*)="(?<value>(?:[^"\\]|\\.)*)"$""")]
    private static partial Regex Label();

    public sealed record Sample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);

    public static IReadOnlyList<Sample> Parse(string text)
    {
        var samples = new List<Sample>();
        var types = new Dictionary<string, string>();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.StartsWith("# TYPE ", StringComparison.Ordinal))
            {
                var parts = line.Split(' ');
                Assert.Equal(4, parts.Length);
                Assert.Contains(parts[3], new[] { "counter", "gauge", "summary", "histogram", "untyped" });
                types[parts[2]] = parts[3];
                continue;
            }
            if (line.StartsWith('#')) continue;
            var match = SampleLine().Match(line);
            Assert.True(match.Success, $"not a Prometheus sample: '{line}'");
            var labels = new Dictionary<string, string>();
            if (match.Groups["labels"].Success && match.Groups["labels"].Value.Length > 0)
                foreach (var pair in match.Groups["labels"].Value.Split(','))
                {
                    var label = Label().Match(pair);
                    Assert.True(label.Success, $"bad label '{pair}' in '{line}'");
                    labels[label.Groups["key"].Value] = label.Groups["value"].Value;
                }
            var name = match.Groups["name"].Value;
            Assert.True(types.Keys.Any(t => name == t || name.StartsWith(t + "_", StringComparison.Ordinal)), $"sample {name} has no # TYPE");
            samples.Add(new Sample(name, labels, double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture)));
        }
        return samples;
    }
}
