namespace Director.Core.Config.Syntax;

/// <summary>
/// Which include problems are errors (keepalived 2.2's include_check flags). Plain
/// <c>include</c> makes none of them an error; <c>includer</c> = Readable; <c>includem</c> =
/// Readable|Match; <c>includew</c> = Readable|Match|WildcardMatch; <c>includeb</c> =
/// Readable|BraceMatch; <c>includea</c> = all.
/// </summary>
[Flags]
internal enum IncludeChecks
{
    None = 0,
    /// <summary>A matched path is a directory, not a regular non-executable file, or unreadable.</summary>
    Readable = 1,
    /// <summary>Nothing matched a pattern (or a directory to search does not exist).</summary>
    Match = 2,
    /// <summary>A pattern with wildcards matched nothing.</summary>
    WildcardMatch = 4,
    /// <summary>An alternative of a <c>{a,b}</c> pattern matched nothing.</summary>
    BraceMatch = 8,
    All = Readable | Match | WildcardMatch | BraceMatch,
}

internal static class IncludeDirective
{
    /// <summary>keepalived's is_include()/check_include(): "include" or include[rmwba], then blanks, then the pattern.</summary>
    public static bool TryParse(string line, out IncludeChecks checks, out string pattern)
    {
        checks = IncludeChecks.None;
        pattern = "";
        if (!line.StartsWith("include", StringComparison.Ordinal) || line.Length < 8) return false;
        int patternStart;
        if (WordSplitter.IsWhiteSpace(line[7])) patternStart = 8;
        else if (line.Length > 8 && WordSplitter.IsWhiteSpace(line[8]) && "rmwba".Contains(line[7]))
        {
            checks = line[7] switch
            {
                'r' => IncludeChecks.Readable,
                'm' => IncludeChecks.Readable | IncludeChecks.Match,
                'w' => IncludeChecks.Readable | IncludeChecks.Match | IncludeChecks.WildcardMatch,
                'b' => IncludeChecks.Readable | IncludeChecks.BraceMatch,
                _ => IncludeChecks.All,
            };
            patternStart = 9;
        }
        else return false;
        pattern = line[patternStart..].Trim(' ', '\t');
        return true;
    }

    /// <summary>Is <paramref name="word"/> a directive keyword (so a node keyword equal to it must be quoted)?</summary>
    public static bool IsDirectiveWord(string word) =>
        word is "include" or "includer" or "includem" or "includew" or "includeb" or "includea";
}
