namespace Director.Core.Config.Syntax;

/// <summary>
/// The <c>$NAME=VALUE</c> definitions in force and their expansion, following keepalived's
/// <c>check_definition()</c>, <c>find_definition()</c> and <c>replace_param()</c>.
/// </summary>
internal sealed class DefinitionTable
{
    /// <summary>Substitutions allowed while expanding one line; beyond it a definition is recursive.</summary>
    public const int MaxSubstitutionsPerLine = 1000;

    /// <summary>Longest line an expansion may produce.</summary>
    public const int MaxExpandedLength = 1 << 20;

    private sealed class Definition(string name)
    {
        public string Name { get; } = name;
        public string Value { get; set; } = "";
        public bool Multiline { get; set; }
        public Func<string?, SourceLocation, string>? Compute { get; set; }
        public int MaxParameters { get; set; }
    }

    private readonly Dictionary<string, Definition> _definitions = new(StringComparer.Ordinal);
    private readonly Func<string> _currentDirectory;
    private readonly List<ConfigDiagnostic> _diagnostics;

    public DefinitionTable(ParseOptions options, Func<string> currentDirectory, List<ConfigDiagnostic> diagnostics)
    {
        _currentDirectory = currentDirectory;
        _diagnostics = diagnostics;
        AddPredefined("_PWD", (_, _) => _currentDirectory(), 0);
        AddPredefined("_INSTANCE", (_, _) => options.ConfigId, 0);
        AddPredefined("_RANDOM", (p, at) => RandomValue(options.Random, p, at), 2);
        Set("_HASH", "#");
        Set("_BANG", "!");
    }

    /// <summary>Result of reading a definition line: the definition and whether it continues.</summary>
    public readonly record struct DefineResult(string Name, bool Continues);

    /// <summary>
    /// Reads <c>$NAME=VALUE</c> (no blank before '='). A value ending in '\' starts a multi-line
    /// definition; the following lines are added with <see cref="AppendLine"/>.
    /// </summary>
    public DefineResult? TryDefine(string line)
    {
        if (line.Length < 2 || line[0] != '$' || !IsNameStart(line[1])) return null;
        var p = 2;
        while (p < line.Length && IsNameChar(line[p])) p++;
        if (p == line.Length || line[p] != '=') return null;

        var name = line[1..p];
        var valueStart = p + 1;
        while (valueStart < line.Length && CommentStripper.IsBlank(line[valueStart])) valueStart++;
        var value = line[valueStart..];
        var definition = GetOrAdd(name);
        definition.Compute = null;
        if (value.EndsWith('\\'))
        {
            var first = value[..^1].TrimEnd(' ', '\t');
            definition.Value = first.Length > 0 ? first + "\n" : "";
            definition.Multiline = true;
            return new DefineResult(name, true);
        }
        definition.Value = value;
        definition.Multiline = false;
        return new DefineResult(name, false);
    }

    /// <summary>Adds a line to a multi-line definition; returns false when the definition ended.</summary>
    public bool AppendLine(string name, string line)
    {
        var definition = _definitions[name];
        if (line.EndsWith('\\'))
        {
            var text = line[..^1].TrimEnd(' ', '\t');
            if (text.Length > 0) definition.Value += text + "\n";
            return true;
        }
        definition.Value += line;
        End(name);
        return false;
    }

    /// <summary>Ends a multi-line definition (blank line or end of input).</summary>
    public void End(string name)
    {
        var definition = _definitions[name];
        if (definition.Value.Length == 0) definition.Multiline = false;
    }

    /// <summary>Sets a plain single-line definition, as ~SEQ and ~LST do for their variables.</summary>
    public void Set(string name, string value)
    {
        var definition = GetOrAdd(name);
        definition.Compute = null;
        definition.Value = value;
        definition.Multiline = false;
    }

    /// <summary>One expansion pass over a line.</summary>
    /// <param name="Changed">Whether anything was substituted.</param>
    /// <param name="Text">The line after substitution (the first line of a multi-line value).</param>
    /// <param name="FollowingLines">Remaining lines of multi-line values, outermost first.</param>
    /// <param name="Failed">The expansion did not terminate; an error was reported.</param>
    public readonly record struct Expansion(bool Changed, string Text, IReadOnlyList<string[]> FollowingLines, bool Failed);

    /// <summary>
    /// Replaces <c>$NAME</c> (followed by a blank, ',', ')' or the end of the line) and
    /// <c>${NAME}</c> / <c>${NAME params}</c> by their values, rescanning each value so definitions
    /// expand recursively at use. Undefined names stay as written. A multi-line definition only
    /// expands when its reference ends the line.
    /// </summary>
    public Expansion Expand(string line, SourceLocation at, ref int substitutions)
    {
        var text = line;
        var changed = false;
        var following = new List<string[]>();
        var pos = 0;
        while (true)
        {
            var dollar = text.IndexOf('$', pos);
            if (dollar < 0 || dollar == text.Length - 1) break;
            if (!TryMatch(text, dollar, out var definition, out var end, out var parameters))
            {
                pos = dollar + 1;
                continue;
            }
            changed = true;
            if (++substitutions > MaxSubstitutionsPerLine || text.Length > MaxExpandedLength)
            {
                _diagnostics.Add(ConfigDiagnostic.Error(at,
                    $"expansion of '${definition.Name}' does not terminate (recursive definition?)"));
                return new Expansion(true, text, following, true);
            }

            var value = definition.Compute is null ? definition.Value : definition.Compute(parameters, at);
            var replacement = value;
            if (definition.Multiline)
            {
                var lines = value.Split('\n');
                replacement = lines[0];
                if (lines.Length > 1) following.Add(lines[1..]);
            }
            text = string.Concat(text.AsSpan(0, dollar), replacement, text.AsSpan(end));
            if (value.TrimStart(' ', '\t').StartsWith('~')) break;
            pos = dollar;
        }
        return new Expansion(changed, text, following, false);
    }

    private bool TryMatch(string s, int dollar, out Definition definition, out int end, out string? parameters)
    {
        definition = null!;
        end = 0;
        parameters = null;
        var j = dollar + 1;
        var braces = s[j] == '{';
        if (braces) j++;
        if (j >= s.Length || !IsNameStart(s[j])) return false;
        var k = j + 1;
        while (k < s.Length && IsNameChar(s[k])) k++;
        var name = s[j..k];

        int paramStart = -1, paramEnd = -1;
        if (braces)
        {
            var p = k;
            while (p < s.Length && (s[p] == ' ' || char.IsAsciiDigit(s[p])))
            {
                if (s[p] != ' ')
                {
                    if (paramStart < 0) paramStart = p;
                    paramEnd = p;
                }
                p++;
            }
            if (paramStart >= 0 && paramEnd + 1 != p) return false;
            if (p >= s.Length || s[p] != '}') return false;
            end = p + 1;
        }
        else
        {
            if (k < s.Length && s[k] is not (' ' or '\t' or ',' or ')')) return false;
            end = k;
        }

        if (!_definitions.TryGetValue(name, out var found)) return false;
        var endsLine = end == s.Length && paramStart < 0;
        if (found.Multiline && !endsLine) return false;
        if (paramStart >= 0)
        {
            if (found.MaxParameters == 0) return false;
            parameters = s[paramStart..(paramEnd + 1)];
        }
        definition = found;
        return true;
    }

    private string RandomValue(Random random, string? parameters, SourceLocation at)
    {
        long min = 0, max = 32767;
        if (parameters is not null)
        {
            var parts = parameters.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var inRange = long.TryParse(parts[0], System.Globalization.CultureInfo.InvariantCulture, out min);
            if (parts.Length > 1) inRange &= long.TryParse(parts[1], System.Globalization.CultureInfo.InvariantCulture, out max);
            if (!inRange || max == long.MaxValue)
            {
                _diagnostics.Add(ConfigDiagnostic.Error(at, $"${{_RANDOM {parameters}}}: number out of range"));
                return "0";
            }
            if (parts.Length > 2)
                _diagnostics.Add(ConfigDiagnostic.Warning(at, $"too many parameters for ${{_RANDOM {parameters}}}"));
            if (min > max)
            {
                _diagnostics.Add(ConfigDiagnostic.Error(at, $"${{_RANDOM {parameters}}}: MIN is greater than MAX"));
                return min.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
        }
        return random.NextInt64(min, max + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private void AddPredefined(string name, Func<string?, SourceLocation, string> compute, int maxParameters)
    {
        var definition = GetOrAdd(name);
        definition.Compute = compute;
        definition.MaxParameters = maxParameters;
    }

    private Definition GetOrAdd(string name)
    {
        if (!_definitions.TryGetValue(name, out var definition))
        {
            definition = new Definition(name);
            _definitions.Add(name, definition);
        }
        return definition;
    }

    public static bool IsNameStart(char c) => char.IsAsciiLetter(c) || c == '_';

    public static bool IsNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';
}
