using System.Globalization;
using System.Text;

namespace Director.Core.Config.Hocon;

/// <summary>
/// Walks a HOCON text for <see cref="HoconKeyLines"/>: records the line of every key path it sets
/// (later settings overwrite earlier ones). Tolerant: malformed text gives fewer entries, never an error.
/// </summary>
internal sealed class HoconKeyLineScanner
{
    private enum Kind { OpenBrace, CloseBrace, OpenBracket, CloseBracket, Comma, NewLine, Separator, Quoted, Unquoted, Substitution, End }

    private readonly record struct Token(Kind Kind, string Text, int Line, bool SpaceBefore);

    private const char Separator = '\u0001';
    private const int MaxDepth = 200;

    private readonly List<Token> _tokens;
    private readonly Dictionary<string, int> _lines = new(StringComparer.Ordinal);
    private int _next;

    private HoconKeyLineScanner(List<Token> tokens) => _tokens = tokens;

    public static Dictionary<string, int> Scan(string text)
    {
        var scanner = new HoconKeyLineScanner(Tokenize(text));
        scanner.Body([], braced: false, depth: 0);
        return scanner._lines;
    }

    public static string Join(IEnumerable<string> segments) => string.Join(Separator, segments);

    private Token Peek => _tokens[_next];

    private Token Take() => _tokens[_next < _tokens.Count - 1 ? _next++ : _next];

    private void Body(List<string> prefix, bool braced, int depth)
    {
        while (true)
        {
            switch (Peek.Kind)
            {
                case Kind.End:
                    return;
                case Kind.CloseBrace:
                    Take();
                    if (braced) return;
                    break;
                case Kind.NewLine or Kind.Comma or Kind.CloseBracket or Kind.Separator:
                    Take();
                    break;
                default:
                    Field(prefix, depth);
                    break;
            }
        }
    }

    private void Field(List<string> prefix, int depth)
    {
        var line = Peek.Line;
        if (Peek is { Kind: Kind.Unquoted, Text: "include" } && _tokens[_next + 1].Kind is Kind.Quoted or Kind.Unquoted)
        {
            while (Peek.Kind is not (Kind.NewLine or Kind.Comma or Kind.CloseBrace or Kind.End)) Take();
            return;
        }
        var key = Key();
        if (key.Count == 0)
        {
            Take();
            return;
        }
        var path = new List<string>(prefix);
        path.AddRange(key);
        for (var count = prefix.Count + 1; count < path.Count; count++)
            _lines.TryAdd(Join(path.Take(count)), line);
        _lines[Join(path)] = line;
        if (Peek.Kind == Kind.Separator) Take();
        else if (Peek.Kind != Kind.OpenBrace) return;
        Value(path, depth);
    }

    /// <summary>The segments of a key: unquoted text splits at dots, quoted text is one piece.</summary>
    private List<string> Key()
    {
        var segments = new List<string>();
        var current = new StringBuilder();
        var started = false;
        while (Peek.Kind is Kind.Quoted or Kind.Unquoted)
        {
            var token = Take();
            if (started && token.SpaceBefore) current.Append(' ');
            if (token.Kind == Kind.Quoted)
            {
                current.Append(token.Text);
                started = true;
                continue;
            }
            foreach (var c in token.Text)
            {
                if (c != '.')
                {
                    current.Append(c);
                    started = true;
                    continue;
                }
                segments.Add(current.ToString());
                current.Clear();
                started = false;
            }
        }
        if (started) segments.Add(current.ToString());
        return segments;
    }

    private void Value(List<string> path, int depth)
    {
        while (true)
        {
            switch (Peek.Kind)
            {
                case Kind.OpenBrace:
                    Take();
                    if (depth < MaxDepth) Body(path, braced: true, depth + 1);
                    break;
                case Kind.OpenBracket:
                    Take();
                    if (depth < MaxDepth) Array(path, depth + 1);
                    break;
                case Kind.Quoted or Kind.Unquoted or Kind.Substitution or Kind.Separator:
                    Take();
                    break;
                default:
                    return;
            }
        }
    }

    private void Array(List<string> path, int depth)
    {
        var index = 0;
        while (true)
        {
            switch (Peek.Kind)
            {
                case Kind.End:
                    return;
                case Kind.CloseBracket or Kind.CloseBrace:
                    Take();
                    return;
                case Kind.NewLine or Kind.Comma:
                    Take();
                    break;
                default:
                    var element = new List<string>(path) { "[" + index.ToString(CultureInfo.InvariantCulture) + "]" };
                    _lines[Join(element)] = Peek.Line;
                    Value(element, depth);
                    index++;
                    break;
            }
        }
    }

    private static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        var line = 1;
        var i = 0;
        var space = false;
        void Add(Kind kind, string value, int at)
        {
            tokens.Add(new Token(kind, value, at, space));
            space = false;
        }

        while (i < text.Length)
        {
            var c = text[i];
            if (c == '\n')
            {
                Add(Kind.NewLine, "", line++);
                i++;
            }
            else if (char.IsWhiteSpace(c))
            {
                space = true;
                i++;
            }
            else if (c == '#' || (c == '/' && i + 1 < text.Length && text[i + 1] == '/'))
            {
                while (i < text.Length && text[i] != '\n') i++;
            }
            else if (c is '{' or '}' or '[' or ']' or ',')
            {
                Add(c switch { '{' => Kind.OpenBrace, '}' => Kind.CloseBrace, '[' => Kind.OpenBracket, ']' => Kind.CloseBracket, _ => Kind.Comma }, "", line);
                i++;
            }
            else if (c is '=' or ':' || (c == '+' && i + 1 < text.Length && text[i + 1] == '='))
            {
                Add(Kind.Separator, "", line);
                i += c == '+' ? 2 : 1;
            }
            else if (c == '"')
            {
                var start = line;
                Add(Kind.Quoted, Quoted(text, ref i, ref line), start);
            }
            else if (c == '$' && i + 1 < text.Length && text[i + 1] == '{')
            {
                var end = text.IndexOf('}', i);
                end = end < 0 ? text.Length : end + 1;
                Add(Kind.Substitution, "", line);
                i = end;
            }
            else
            {
                var start = i;
                while (i < text.Length && !EndsUnquoted(text, i)) i++;
                if (i == start) i++;
                Add(Kind.Unquoted, text[start..i], line);
            }
        }
        tokens.Add(new Token(Kind.End, "", line, space));
        tokens.Add(new Token(Kind.End, "", line, space));
        return tokens;
    }

    private static bool EndsUnquoted(string text, int i)
    {
        var c = text[i];
        if (char.IsWhiteSpace(c) || c is '{' or '}' or '[' or ']' or ',' or '=' or ':' or '"' or '#') return true;
        if (i + 1 >= text.Length) return false;
        return (c == '/' && text[i + 1] == '/') || (c == '+' && text[i + 1] == '=') || (c == '$' && text[i + 1] == '{');
    }

    /// <summary>A quoted or triple-quoted string from <paramref name="i"/>, unescaped; counts the lines it spans.</summary>
    private static string Quoted(string text, ref int i, ref int line)
    {
        var value = new StringBuilder();
        if (string.CompareOrdinal(text, i, "\"\"\"", 0, 3) == 0)
        {
            var end = text.IndexOf("\"\"\"", i + 3, StringComparison.Ordinal);
            if (end < 0) end = text.Length;
            while (end + 3 < text.Length && text[end + 3] == '"') end++;
            var body = text[(i + 3)..end];
            line += body.Count(ch => ch == '\n');
            i = Math.Min(text.Length, end + 3);
            return body;
        }
        i++;
        while (i < text.Length && text[i] != '"' && text[i] != '\n')
        {
            if (text[i] == '\\' && i + 1 < text.Length)
            {
                value.Append(Unescape(text[i + 1]));
                i += 2;
                continue;
            }
            value.Append(text[i++]);
        }
        if (i < text.Length && text[i] == '"') i++;
        return value.ToString();
    }

    private static char Unescape(char c) => c switch { 'n' => '\n', 't' => '\t', 'r' => '\r', 'b' => '\b', 'f' => '\f', _ => c };
}
