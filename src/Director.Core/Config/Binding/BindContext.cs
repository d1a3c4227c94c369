using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Director.Core.Config.Syntax;

namespace Director.Core.Config.Binding;

/// <summary>
/// Collects diagnostics while a syntax tree is bound, and reads typed values from nodes. Every
/// reader reports a precise error (file:line, keyword, what was expected) and returns null, so
/// binding goes on and all problems are reported at once.
/// </summary>
internal sealed class BindContext
{
    private readonly List<ConfigDiagnostic> _diagnostics = [];

    public IReadOnlyList<ConfigDiagnostic> Diagnostics => _diagnostics;

    /// <summary><c>track_file NAME</c> lines of checkers, resolved once every top-level block is read.</summary>
    public List<ConfigNode> CheckerTrackFileReferences { get; } = [];

    public void Error(ConfigNode at, string message) =>
        _diagnostics.Add(ConfigDiagnostic.Error(at.Location, $"{at.Keyword}: {message}"));

    public void Warning(ConfigNode at, string message) =>
        _diagnostics.Add(ConfigDiagnostic.Warning(at.Location, $"{at.Keyword}: {message}"));

    public void Error(SourceLocation at, string message) => _diagnostics.Add(ConfigDiagnostic.Error(at, message));

    public void Warning(SourceLocation at, string message) => _diagnostics.Add(ConfigDiagnostic.Warning(at, message));

    public void Unknown(ConfigNode node) =>
        _diagnostics.Add(ConfigDiagnostic.Warning(node.Location, UnsupportedKeywords.Contains(node.Keyword)
            ? $"keepalived keyword '{node.Keyword}' is not supported by director: ignored"
            : $"unknown keyword '{node.Keyword}'"));

    /// <summary>Runs the handler of each child by keyword; unknown keywords are warned about and skipped.</summary>
    public void Each(ConfigNode block, IReadOnlyDictionary<string, Action<ConfigNode>> handlers)
    {
        foreach (var child in block.Children)
        {
            if (handlers.TryGetValue(child.Keyword, out var handle)) handle(child);
            else Unknown(child);
        }
    }

    /// <summary>True when the node opens a block; otherwise reports that one was expected.</summary>
    public bool RequireBlock(ConfigNode node)
    {
        if (node.HasBlock) return true;
        Error(node, "expected a '{' block");
        return false;
    }

    /// <summary>The argument at <paramref name="index"/>, or an error naming what was expected.</summary>
    public string? Arg(ConfigNode node, string expected, int index = 0)
    {
        if (node.Arguments.Count > index) return node.Arguments[index];
        Error(node, $"expected {expected}");
        return null;
    }

    /// <summary>A single word; extra words are reported and ignored (keepalived ignores them silently).</summary>
    public string? Word(ConfigNode node, string expected)
    {
        var value = Arg(node, expected);
        if (value is not null) WarnExtra(node, 1);
        return value;
    }

    /// <summary>The first line that configures a script, for the script security check.</summary>
    public ConfigNode? FirstScript { get; private set; }

    /// <summary>All arguments joined by spaces: a command line (notify scripts, misc_path).</summary>
    public string? Command(ConfigNode node)
    {
        if (node.Arguments.Count > 0)
        {
            FirstScript ??= node;
            return string.Join(' ', node.Arguments);
        }
        Error(node, "expected a command");
        return null;
    }

    public void WarnExtra(ConfigNode node, int used)
    {
        if (node.Arguments.Count > used)
            Warning(node, $"ignoring extra arguments '{string.Join(' ', node.Arguments.Skip(used))}'");
    }

    public int? Int(ConfigNode node, int min, int max) => (int?)Long(node, min, max);

    public long? Long(ConfigNode node, long min, long max)
    {
        var text = Arg(node, RangeText(min, max));
        if (text is null) return null;
        WarnExtra(node, 1);
        return ParseLong(node, text, min, max);
    }

    public int? ParseInt(ConfigNode node, string text, int min, int max) => (int?)ParseLong(node, text, min, max);

    public long? ParseLong(ConfigNode node, string text, long min, long max)
    {
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            && value >= min && value <= max)
            return value;
        Error(node, $"expected {RangeText(min, max)}, got '{text}'");
        return null;
    }

    private static string RangeText(long min, long max) => Validation.ConfigRules.RangeText(min, max);

    /// <summary>A timer in seconds, fractions allowed.</summary>
    public TimeSpan? Timer(ConfigNode node, double maxSeconds = 1e9)
    {
        var text = Arg(node, "a number of seconds");
        if (text is null) return null;
        WarnExtra(node, 1);
        return ParseTimer(node, text, maxSeconds);
    }

    public TimeSpan? ParseTimer(ConfigNode node, string text, double maxSeconds = 1e9)
    {
        if (double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds)
            && seconds <= maxSeconds)
            return TimeSpan.FromMicroseconds(Math.Round(seconds * 1_000_000));
        Error(node, $"expected a number of seconds, got '{text}'");
        return null;
    }

    /// <summary>A flag keyword: present without argument means on, else an explicit boolean.</summary>
    public bool Flag(ConfigNode node)
    {
        if (node.Arguments.Count == 0) return true;
        WarnExtra(node, 1);
        var text = node.Arguments[0].ToLowerInvariant();
        switch (text)
        {
            case "on" or "true" or "yes": return true;
            case "off" or "false" or "no": return false;
            default:
                Error(node, $"expected on/off, true/false or yes/no, got '{node.Arguments[0]}'");
                return false;
        }
    }

    public IPAddress? Ip(ConfigNode node, int index = 0)
    {
        var text = Arg(node, "an IP address", index);
        if (text is null) return null;
        if (index == 0) WarnExtra(node, 1);
        return ParseIp(node, text);
    }

    public IPAddress? ParseIp(ConfigNode node, string text)
    {
        if (TryParseIp(text, out var address)) return address;
        Error(node, $"expected an IP address, got '{text}'");
        return null;
    }

    /// <summary>Strict: dotted quad with four parts for IPv4 (IPAddress.Parse accepts "10.1").</summary>
    public static bool TryParseIp(string text, out IPAddress address)
    {
        address = IPAddress.None;
        if (!IPAddress.TryParse(text, out var parsed)) return false;
        if (parsed.AddressFamily == AddressFamily.InterNetwork && text.Split('.').Length != 4) return false;
        if (parsed.AddressFamily == AddressFamily.InterNetworkV6 && !text.Contains(':')) return false;
        address = parsed;
        return true;
    }

    public int? Port(ConfigNode node, string text) => ParseInt(node, text, 0, 65535);

    /// <summary>One of a closed set of words, case-insensitive.</summary>
    public T? Choice<T>(ConfigNode node, IReadOnlyDictionary<string, T> choices) where T : struct
    {
        var names = string.Join(' ', choices.Keys);
        var text = Arg(node, $"one of {names}");
        if (text is null) return null;
        WarnExtra(node, 1);
        foreach (var (name, value) in choices)
            if (string.Equals(name, text, StringComparison.OrdinalIgnoreCase)) return value;
        Error(node, $"expected one of {names}, got '{text}'");
        return null;
    }
}
