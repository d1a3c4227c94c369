using System.Text;

namespace Director.Core.Config.Syntax;

/// <summary>
/// glob(3) with GLOB_BRACE | GLOB_MARK as keepalived uses it for <c>include</c>: <c>{a,b}</c>
/// alternatives are expanded first (each globbed on its own, results kept in alternative order),
/// then <c>*</c>, <c>?</c> and <c>[...]</c> match within one path segment (a leading '.' must be
/// matched explicitly); matches of one alternative are sorted. Relative patterns are taken
/// from <c>baseDirectory</c>.
/// </summary>
internal static class IncludeGlob
{
    /// <param name="Paths">Full paths matched, in order (directories end with '/').</param>
    /// <param name="SomethingMissing">A path without wildcards, or a directory to search, did not exist.</param>
    /// <param name="HadWildcards">The pattern searched a directory with a wildcard.</param>
    /// <param name="HadBraces">The pattern had a <c>{...}</c> expansion.</param>
    public sealed record Result(IReadOnlyList<string> Paths, bool SomethingMissing, bool HadWildcards, bool HadBraces);

    public static Result Match(string pattern, string baseDirectory)
    {
        var alternatives = ExpandBraces(pattern);
        var paths = new List<string>();
        var missing = false;
        var wildcards = false;
        foreach (var alternative in alternatives)
        {
            var full = alternative.StartsWith('/') ? alternative : Path.Combine(baseDirectory, alternative);
            var found = new List<string>();
            Walk("/", full.Split('/', StringSplitOptions.RemoveEmptyEntries), 0, found, ref missing, ref wildcards);
            found.Sort(StringComparer.Ordinal);
            paths.AddRange(found);
        }
        return new Result(paths, missing, wildcards, alternatives.Count > 1 || HasBrace(pattern));
    }

    private static void Walk(string directory, string[] segments, int index, List<string> found, ref bool missing, ref bool wildcards)
    {
        if (index == segments.Length)
        {
            found.Add(Directory.Exists(directory) && directory != "/" ? directory.TrimEnd('/') + "/" : directory);
            return;
        }
        var segment = segments[index];
        var last = index == segments.Length - 1;
        if (!HasWildcard(segment))
        {
            var next = Path.Combine(directory, Unescape(segment));
            if (last)
            {
                if (File.Exists(next)) found.Add(next);
                else if (Directory.Exists(next)) found.Add(next + "/");
                else missing = true;
            }
            else Walk(next, segments, index + 1, found, ref missing, ref wildcards);
            return;
        }

        wildcards = true;
        if (!Directory.Exists(directory))
        {
            missing = true;
            return;
        }
        IEnumerable<string> entries;
        try
        {
            entries = Directory.EnumerateFileSystemEntries(directory).Select(Path.GetFileName).OfType<string>().ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            missing = true;
            return;
        }
        foreach (var name in entries.Order(StringComparer.Ordinal))
        {
            if (name.StartsWith('.') && !segment.StartsWith('.')) continue;
            if (!WildcardMatches(segment, 0, name, 0)) continue;
            var next = Path.Combine(directory, name);
            if (last)
            {
                if (Directory.Exists(next)) found.Add(next + "/");
                else found.Add(next);
            }
            else if (Directory.Exists(next)) Walk(next, segments, index + 1, found, ref missing, ref wildcards);
        }
    }

    /// <summary>csh-style brace expansion, nested braces allowed; an unmatched '{' is literal.</summary>
    public static List<string> ExpandBraces(string pattern)
    {
        var open = FindUnescaped(pattern, '{', 0);
        if (open < 0) return [pattern];
        var depth = 0;
        var commas = new List<int>();
        var close = -1;
        for (var i = open; i < pattern.Length && close < 0; i++)
        {
            switch (pattern[i])
            {
                case '\\': i++; break;
                case '{': depth++; break;
                case '}':
                    if (--depth == 0) close = i;
                    break;
                case ',' when depth == 1: commas.Add(i); break;
            }
        }
        if (close < 0) return [pattern];

        var prefix = pattern[..open];
        var suffix = pattern[(close + 1)..];
        var result = new List<string>();
        var from = open + 1;
        foreach (var to in commas.Append(close))
        {
            result.AddRange(ExpandBraces(prefix + pattern[from..to] + suffix));
            from = to + 1;
        }
        return result;
    }

    private static bool HasBrace(string pattern) => FindUnescaped(pattern, '{', 0) >= 0;

    private static int FindUnescaped(string s, char c, int from)
    {
        for (var i = from; i < s.Length; i++)
        {
            if (s[i] == '\\') i++;
            else if (s[i] == c) return i;
        }
        return -1;
    }

    private static bool HasWildcard(string segment)
    {
        for (var i = 0; i < segment.Length; i++)
        {
            if (segment[i] == '\\') i++;
            else if (segment[i] is '*' or '?' or '[') return true;
        }
        return false;
    }

    private static string Unescape(string segment)
    {
        if (!segment.Contains('\\')) return segment;
        var sb = new StringBuilder();
        for (var i = 0; i < segment.Length; i++)
        {
            if (segment[i] == '\\' && i + 1 < segment.Length) i++;
            sb.Append(segment[i]);
        }
        return sb.ToString();
    }

    /// <summary>fnmatch(3) on one path segment.</summary>
    public static bool WildcardMatches(string pattern, int p, string name, int n)
    {
        while (p < pattern.Length)
        {
            var c = pattern[p];
            switch (c)
            {
                case '*':
                    while (p < pattern.Length && pattern[p] == '*') p++;
                    if (p == pattern.Length) return true;
                    for (var k = n; k <= name.Length; k++)
                        if (WildcardMatches(pattern, p, name, k)) return true;
                    return false;
                case '?':
                    if (n == name.Length) return false;
                    p++;
                    n++;
                    break;
                case '[':
                    if (n == name.Length) return false;
                    var classEnd = MatchClass(pattern, p, name[n], out var matched);
                    if (classEnd < 0)
                    {
                        // No closing ']': '[' is an ordinary character.
                        if (name[n] != '[') return false;
                        p++;
                        n++;
                        break;
                    }
                    if (!matched) return false;
                    p = classEnd;
                    n++;
                    break;
                default:
                    if (c == '\\' && p + 1 < pattern.Length) c = pattern[++p];
                    if (n == name.Length || name[n] != c) return false;
                    p++;
                    n++;
                    break;
            }
        }
        return n == name.Length;
    }

    // Returns the index after the class's ']' (or -1 when unterminated) and whether ch is in it.
    private static int MatchClass(string pattern, int open, char ch, out bool matched)
    {
        matched = false;
        var i = open + 1;
        var negate = i < pattern.Length && (pattern[i] == '!' || pattern[i] == '^');
        if (negate) i++;
        var first = true;
        while (i < pattern.Length && (first || pattern[i] != ']'))
        {
            first = false;
            var low = pattern[i];
            if (low == '\\' && i + 1 < pattern.Length) low = pattern[++i];
            var high = low;
            if (i + 2 < pattern.Length && pattern[i + 1] == '-' && pattern[i + 2] != ']')
            {
                high = pattern[i + 2];
                i += 2;
            }
            if (ch >= low && ch <= high) matched = true;
            i++;
        }
        if (i >= pattern.Length) return -1;
        matched ^= negate;
        return i + 1;
    }
}
