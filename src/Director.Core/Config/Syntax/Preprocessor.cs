namespace Director.Core.Config.Syntax;

/// <summary>
/// keepalived's <c>read_line()</c>: turns files into a stream of word lines, '{' and '}' after
/// comments, <c>@id</c> conditions, <c>$NAME=</c> definitions and their expansion, ~SEQ/~LST
/// generators and includes. Each line is split at the first '{' or '}' outside double quotes;
/// the rest of the line is read again as if it were the next line.
/// </summary>
internal sealed class Preprocessor
{
    /// <summary>Most files open at once through nested includes.</summary>
    public const int MaxIncludeDepth = 64;

    private readonly ParseOptions _options;
    private readonly List<ConfigDiagnostic> _diagnostics;
    private readonly Action<SyntaxItem> _emit;
    private readonly List<LineSource> _sources = [];
    private readonly DefinitionTable _definitions;
    private readonly string _rootDirectory;
    private string? _continuedDefinition;

    // The rest of a line after a brace; like keepalived's line_residue it is read before anything else.
    private string? _residue;
    private SourceLocation _residueLocation;

    /// <param name="emit">Receives each word line, '{' and '}' in reading order.</param>
    public Preprocessor(ParseOptions options, string rootDirectory, List<ConfigDiagnostic> diagnostics, Action<SyntaxItem> emit)
    {
        _emit = emit;
        _options = options;
        _diagnostics = diagnostics;
        _rootDirectory = rootDirectory;
        _definitions = new DefinitionTable(options, CurrentDirectory, diagnostics);
    }

    public void Run(string path, string displayName, string text)
    {
        _sources.Add(new FileLineSource(path, displayName, text));
        while (_sources.Count > 0 || _residue is not null)
        {
            if (_residue is not null)
            {
                var residue = _residue;
                _residue = null;
                ProcessRaw(residue, _residueLocation, fromFile: false);
                continue;
            }
            var source = _sources[^1];
            if (!source.TryNext(out var line, out var at))
            {
                _sources.RemoveAt(_sources.Count - 1);
                continue;
            }
            ProcessRaw(line, at, source is FileLineSource);
        }
        if (_continuedDefinition is not null) _definitions.End(_continuedDefinition);
    }

    private string CurrentDirectory()
    {
        for (var i = _sources.Count - 1; i >= 0; i--)
            if (_sources[i] is FileLineSource file) return file.Directory;
        return _rootDirectory;
    }

    private void ProcessRaw(string line, SourceLocation at, bool fromFile)
    {
        if (fromFile)
        {
            if (line.Length == 0)
            {
                // A blank line ends a multi-line definition.
                if (_continuedDefinition is not null) _definitions.End(_continuedDefinition);
                _continuedDefinition = null;
                return;
            }
            line = CommentStripper.Strip(line);
            if (line.Length == 0) return;
        }
        if (_continuedDefinition is not null)
        {
            if (!_definitions.AppendLine(_continuedDefinition, line)) _continuedDefinition = null;
            return;
        }
        ProcessLogical(line, at);
    }

    private void ProcessLogical(string line, SourceLocation at)
    {
        if (line.Length == 0) return;
        var substitutions = 0;
        while (true)
        {
            if (line[0] == '@')
            {
                var kept = ApplyCondition(line);
                if (kept is null) return;
                line = kept;
            }
            if (line[0] == '$' && _definitions.TryDefine(line) is { } defined)
            {
                if (defined.Continues) _continuedDefinition = defined.Name;
                return;
            }
            if (LineGenerator.IsGenerator(line))
            {
                var generator = LineGenerator.Parse(line, ExpandParameters(at), out var error);
                if (generator is null) _diagnostics.Add(ConfigDiagnostic.Error(at, error!));
                else _sources.Add(new GeneratorLineSource(generator, _definitions, at));
                return;
            }
            if (line[0] == '~' || !line.Contains('$')) break;

            var expansion = _definitions.Expand(line, at, ref substitutions);
            if (expansion.Failed) return;
            if (!expansion.Changed) break;
            for (var i = 0; i < expansion.FollowingLines.Count; i++)
                _sources.Add(new TextLineSource(expansion.FollowingLines[i], at));
            line = CommentStripper.Strip(expansion.Text);
            if (line.Length == 0) return;
            if (line[0] != '@' && !line.Contains('$')) break;
        }

        if (IncludeDirective.TryParse(line, out var checks, out var pattern))
        {
            Include(pattern, checks, at);
            return;
        }
        SplitBraces(line, at);
    }

    private Func<string, string> ExpandParameters(SourceLocation at) => text =>
    {
        var substitutions = 0;
        var expansion = _definitions.Expand(text, at, ref substitutions);
        return expansion.Failed ? text : expansion.Text;
    };

    /// <summary><c>@ID rest</c> keeps rest when ID is the config id; <c>@^ID rest</c> when it is not.</summary>
    private string? ApplyCondition(string line)
    {
        var negated = line.Length > 1 && line[1] == '^';
        var idStart = negated ? 2 : 1;
        var blank = line.IndexOfAny([' ', '\t'], idStart);
        if (blank < 0) return null;
        var matches = line.AsSpan(idStart, blank - idStart).SequenceEqual(_options.ConfigId);
        if (matches == negated) return null;
        var rest = line[blank..].TrimStart(' ', '\t');
        return rest.Length == 0 ? null : rest;
    }

    private void SplitBraces(string line, SourceLocation at)
    {
        var brace = -1;
        if (line[0] is '{' or '}') brace = 0;
        else
        {
            for (var i = 0; i < line.Length; i++)
            {
                var c = line[i];
                if (c == '"')
                {
                    var close = line.IndexOf('"', i + 1);
                    if (close < 0) break;
                    i = close;
                }
                else if (c is '{' or '}')
                {
                    brace = i;
                    break;
                }
            }
        }

        string? residue = null;
        if (brace == 0)
        {
            _emit(new SyntaxItem(line[0] == '{' ? SyntaxItemKind.OpenBrace : SyntaxItemKind.CloseBrace, [], at));
            residue = line[1..].Trim(' ', '\t');
        }
        else
        {
            var words = brace > 0 ? line[..brace] : line;
            if (brace > 0) residue = line[brace..].TrimEnd(' ', '\t');
            AddWords(words, at);
        }
        if (!string.IsNullOrEmpty(residue))
        {
            _residue = residue;
            _residueLocation = at;
        }
    }

    private void AddWords(string text, SourceLocation at)
    {
        var words = WordSplitter.Split(text, out var error);
        if (words is null)
        {
            _diagnostics.Add(ConfigDiagnostic.Error(at, error!));
            return;
        }
        if (words.Count > 0) _emit(new SyntaxItem(SyntaxItemKind.Words, words, at));
    }

    private void Include(string pattern, IncludeChecks checks, SourceLocation at)
    {
        var result = IncludeGlob.Match(pattern, CurrentDirectory());
        if (result.Paths.Count == 0)
        {
            if (result.SomethingMissing)
                Report(checks, result.HadBraces ? IncludeChecks.BraceMatch : IncludeChecks.Match, at,
                    $"included file '{pattern}' not found");
            else if (result.HadWildcards && checks.HasFlag(IncludeChecks.WildcardMatch))
                _diagnostics.Add(ConfigDiagnostic.Error(at, $"no file matches included pattern '{pattern}'"));
            return;
        }
        if (result.SomethingMissing)
        {
            Report(checks, IncludeChecks.BraceMatch, at, $"some files of included pattern '{pattern}' are missing");
            if (checks.HasFlag(IncludeChecks.BraceMatch)) return;
        }

        var opened = new List<FileLineSource>();
        foreach (var path in result.Paths)
        {
            if (path.EndsWith('/'))
            {
                Report(checks, IncludeChecks.Readable, at, $"included '{path.TrimEnd('/')}' is a directory - skipped");
                continue;
            }
            if (!IsRegularNonExecutable(path))
            {
                Report(checks, IncludeChecks.Readable, at, $"included '{path}' is not a regular non-executable file - skipped");
                continue;
            }
            if (IsBeingRead(path))
            {
                _diagnostics.Add(ConfigDiagnostic.Error(at, $"include loop: '{path}' is already being read"));
                continue;
            }
            if (DepthOfIncludes() >= MaxIncludeDepth)
            {
                _diagnostics.Add(ConfigDiagnostic.Error(at, $"includes nested more than {MaxIncludeDepth} deep at '{path}'"));
                continue;
            }
            string text;
            try
            {
                text = File.ReadAllText(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Report(checks, IncludeChecks.Readable, at, $"cannot read included file '{path}': {e.Message}");
                continue;
            }
            opened.Add(new FileLineSource(path, path, text));
        }
        // The first match must be read first: it goes on top of the stack.
        for (var i = opened.Count - 1; i >= 0; i--) _sources.Add(opened[i]);
    }

    private void Report(IncludeChecks checks, IncludeChecks problem, SourceLocation at, string message) =>
        _diagnostics.Add(checks.HasFlag(problem) ? ConfigDiagnostic.Error(at, message) : ConfigDiagnostic.Warning(at, message));

    private bool IsBeingRead(string path) =>
        _sources.Any(s => s is FileLineSource { Started: true } file && file.Path == path);

    private int DepthOfIncludes() => _sources.Count(s => s is FileLineSource { Started: true });

    private static bool IsRegularNonExecutable(string path)
    {
        if (!File.Exists(path)) return false;
        if (OperatingSystem.IsWindows()) return true;
        const UnixFileMode anyExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        return (File.GetUnixFileMode(path) & anyExecute) == 0;
    }
}
