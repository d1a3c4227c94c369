namespace Director.Core.Config.Hocon;

/// <summary>
/// The line where each key of a HOCON text is set, found from the text itself: Akka's parser keeps
/// no positions. Paths are written as in messages (<c>director.lb.rebalance-interval</c>,
/// <c>director.topology.vrrp_instance[0].priority</c>, quoted segments such as <c>"a.b"</c>); a key
/// set more than once answers with its last line, as the last value wins. Nested blocks, dotted
/// keys, arrays of objects, comments and quoted strings are understood; <c>include</c> is skipped
/// (the settings readers do not resolve includes).
/// </summary>
public sealed class HoconKeyLines
{
    private readonly Dictionary<string, int> _lines;

    private HoconKeyLines(Dictionary<string, int> lines) => _lines = lines;

    public static HoconKeyLines Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new HoconKeyLines(HoconKeyLineScanner.Scan(text));
    }

    /// <summary>The 1-based line of <paramref name="text"/> where <paramref name="path"/> is last set, or null when it is not.</summary>
    public static int? LineOf(string text, string path) => Of(text).LineOf(path);

    public int? LineOf(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return _lines.TryGetValue(HoconKeyLineScanner.Join(SplitPath(path)), out var line) ? line : null;
    }

    /// <summary>The line of <paramref name="path"/>, else of its closest enclosing key that is set; null when none is.</summary>
    public int? NearestLineOf(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var segments = SplitPath(path);
        for (var count = segments.Count; count > 0; count--)
            if (_lines.TryGetValue(HoconKeyLineScanner.Join(segments.Take(count)), out var line))
                return line;
        return null;
    }

    /// <summary><c>a."b.c"[2].d</c> into <c>a</c>, <c>b.c</c>, <c>[2]</c>, <c>d</c>.</summary>
    private static List<string> SplitPath(string path)
    {
        var segments = new List<string>();
        var current = new System.Text.StringBuilder();
        var started = false;
        for (var i = 0; i < path.Length; i++)
        {
            var c = path[i];
            if (c == '"')
            {
                for (i++; i < path.Length && path[i] != '"'; i++)
                    current.Append(path[i] == '\\' && i + 1 < path.Length ? path[++i] : path[i]);
                started = true;
            }
            else if (c == '.' || c == '[')
            {
                if (started) segments.Add(current.ToString());
                current.Clear();
                started = false;
                if (c == '[')
                {
                    var end = path.IndexOf(']', i);
                    if (end < 0) end = path.Length - 1;
                    segments.Add(path[i..(end + 1)]);
                    i = end;
                }
            }
            else
            {
                current.Append(c);
                started = true;
            }
        }
        if (started) segments.Add(current.ToString());
        return segments;
    }
}
