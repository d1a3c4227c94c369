namespace Director.Core.Config.Syntax;

/// <summary>
/// Entry point of the keepalived.conf language: reads text (following includes, definitions,
/// conditions and generators) into a tree of <see cref="ConfigNode"/>.
/// </summary>
public static class KeepalivedSyntax
{
    public static SyntaxTree ParseFile(string path, ParseOptions? options = null) =>
        ParseText(File.ReadAllText(path), Path.GetFullPath(path), options);

    // Minimal stand-in: braces, comments and whitespace only. Replaced by the full preprocessor.
    public static SyntaxTree ParseText(string text, string fileName, ParseOptions? options = null)
    {
        var diagnostics = new List<ConfigDiagnostic>();
        var root = new List<ConfigNode>();
        var stack = new Stack<(List<ConfigNode> Children, string Keyword, List<string> Args, SourceLocation At)>();
        var current = root;
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var at = new SourceLocation(fileName, i + 1);
            var line = lines[i];
            var hash = line.IndexOfAny(['#', '!']);
            if (hash >= 0) line = line[..hash];
            var spaced = line.Replace("{", " { ").Replace("}", " } ");
            var words = new List<string>();
            foreach (var w in spaced.Split([' ', '\t', '\r'], StringSplitOptions.RemoveEmptyEntries))
            {
                if (w == "{")
                {
                    var keyword = words.Count > 0 ? words[0] : (current.Count > 0 ? current[^1].Keyword : "");
                    var args = words.Count > 0 ? words.Skip(1).ToList() : (current.Count > 0 ? current[^1].Arguments.ToList() : []);
                    if (words.Count == 0 && current.Count > 0) current.RemoveAt(current.Count - 1);
                    stack.Push((current, keyword, args, at));
                    current = [];
                    words.Clear();
                }
                else if (w == "}")
                {
                    Flush(current, words, at);
                    if (stack.Count == 0) { diagnostics.Add(ConfigDiagnostic.Error(at, "unexpected '}'")); continue; }
                    var (parent, kw, a, openedAt) = stack.Pop();
                    parent.Add(new ConfigNode(kw, a, current, openedAt, true));
                    current = parent;
                }
                else words.Add(w);
            }
            Flush(current, words, at);
        }
        while (stack.Count > 0)
        {
            var (parent, kw, a, openedAt) = stack.Pop();
            diagnostics.Add(ConfigDiagnostic.Error(openedAt, $"'{kw}' block is not closed: expected '}}'"));
            parent.Add(new ConfigNode(kw, a, current, openedAt, true));
            current = parent;
        }
        return new SyntaxTree(root, diagnostics);
    }

    private static void Flush(List<ConfigNode> into, List<string> words, SourceLocation at)
    {
        if (words.Count == 0) return;
        into.Add(new ConfigNode(words[0], words.Skip(1).ToList(), [], at, false));
        words.Clear();
    }
}
