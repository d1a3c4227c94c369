namespace Director.Core.Config.Hocon;

/// <summary>
/// A structural pre-check run before Akka's parser, which (1.5.73) loops forever on a mismatched
/// bracket such as <c>a = [ }</c> and silently accepts unclosed brackets and unterminated strings.
/// Checks string, comment and substitution boundaries, bracket nesting, and the stray characters
/// found to hang it (<c>=</c> or <c>:</c> directly in an array or starting a line, <c>\</c> or <c>$</c>
/// outside quotes).
/// Public for the daemon's settings files, which Akka's parser reads too.
/// </summary>
public static class HoconSyntaxCheck
{
    /// <summary>The first structural error with its line and column, or null when the text is well formed.</summary>
    public static HoconSyntaxError? FindError(string text)
    {
        var open = new Stack<(char Bracket, int Line, int Column)>();
        var line = 1;
        var lineStart = 0;
        var i = 0;
        var previous = '\0';
        HoconSyntaxError At(int position, string problem) => new(line, position - lineStart + 1, problem);

        while (i < text.Length)
        {
            var c = text[i];
            if (c == '\n')
            {
                line++;
                lineStart = ++i;
                continue;
            }
            if (c == '#' || (c == '/' && i + 1 < text.Length && text[i + 1] == '/'))
            {
                while (i < text.Length && text[i] != '\n') i++;
                continue;
            }
            if (c == '"')
            {
                var start = i;
                if (string.CompareOrdinal(text, i, "\"\"\"", 0, 3) == 0)
                {
                    var end = text.IndexOf("\"\"\"", i + 3, StringComparison.Ordinal);
                    if (end < 0) return At(start, "triple-quoted string is never closed");
                    while (end + 3 < text.Length && text[end + 3] == '"') end++;
                    for (var k = i; k < end + 3; k++)
                        if (text[k] == '\n') { line++; lineStart = k + 1; }
                    i = end + 3;
                    previous = '"';
                    continue;
                }
                i++;
                while (i < text.Length && text[i] != '"' && text[i] != '\n')
                    i += text[i] == '\\' ? 2 : 1;
                if (i >= text.Length || text[i] != '"') return At(start, "quoted string is not closed on its line");
                i++;
                previous = '"';
                continue;
            }
            if (c == '$' && i + 1 < text.Length && text[i + 1] == '{')
            {
                var end = text.IndexOf('}', i);
                var newline = text.IndexOf('\n', i);
                if (end < 0 || (newline >= 0 && newline < end)) return At(i, $"substitution '${{' is not closed on its line");
                i = end + 1;
                previous = '$';
                continue;
            }
            if (c == '\\' || (c == '$' && (i + 1 >= text.Length || text[i + 1] != '{')))
                return At(i, $"'{c}' is only allowed inside a quoted string");
            if (c is '=' or ':')
            {
                if (open.Count > 0 && open.Peek().Bracket == '[')
                    return At(i, $"'{c}' inside an array (an element that is an object needs {{ }})");
                if (IsFirstOnLine(text, lineStart, i) || "\0{}[],=:".Contains(previous, StringComparison.Ordinal))
                    return At(i, $"'{c}' must follow its key on the same line");
            }
            if (c == '{' && (open.Count == 0 || open.Peek().Bracket == '{') && previous is '{' or ',')
                return At(i, $"'{{' needs a key before it here");
            if (c is '{' or '[')
            {
                open.Push((c, line, i - lineStart + 1));
            }
            else if (c is '}' or ']')
            {
                var expected = c == '}' ? '{' : '[';
                if (open.Count == 0) return At(i, $"'{c}' closes nothing");
                var (bracket, openLine, openColumn) = open.Pop();
                if (bracket != expected)
                    return At(i, $"'{c}' does not match the '{bracket}' opened at line {openLine}, column {openColumn}");
            }
            if (!char.IsWhiteSpace(c)) previous = c;
            i++;
        }
        if (open.Count > 0)
        {
            var (bracket, openLine, openColumn) = open.Peek();
            return new HoconSyntaxError(openLine, openColumn, $"'{bracket}' is never closed");
        }
        return null;
    }

    private static bool IsFirstOnLine(string text, int lineStart, int i)
    {
        for (var k = lineStart; k < i; k++)
            if (!char.IsWhiteSpace(text[k])) return false;
        return true;
    }
}
