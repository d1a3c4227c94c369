namespace Director.Core.Scripts;

/// <summary>
/// A script command line split into program and arguments, to be run without a shell, the way
/// keepalived splits a <c>script</c> string: words are separated by blanks; double or single
/// quotes group words (and are removed); a backslash outside single quotes takes the next
/// character literally.
/// </summary>
public sealed record ScriptCommandLine(string Program, IReadOnlyList<string> Arguments)
{
    public static ScriptCommandLine Parse(string commandLine)
    {
        ArgumentNullException.ThrowIfNull(commandLine);
        var words = Split(commandLine);
        if (words.Count == 0)
            throw new FormatException("empty script command line");
        return new ScriptCommandLine(words[0], words.Skip(1).ToArray());
    }

    public override string ToString() =>
        string.Join(' ', new[] { Program }.Concat(Arguments).Select(QuoteIfNeeded));

    public bool Equals(ScriptCommandLine? other) =>
        other is not null && Program == other.Program && Arguments.SequenceEqual(other.Arguments);

    public override int GetHashCode() => HashCode.Combine(Program, Arguments.Count);

    private static List<string> Split(string text)
    {
        var words = new List<string>();
        var current = new System.Text.StringBuilder();
        var inWord = false;
        char quote = '\0';
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quote != '\0')
            {
                if (c == quote)
                    quote = '\0';
                else if (c == '\\' && quote == '"' && i + 1 < text.Length)
                    current.Append(text[++i]);
                else
                    current.Append(c);
                continue;
            }
            if (char.IsWhiteSpace(c))
            {
                if (inWord)
                    words.Add(current.ToString());
                current.Clear();
                inWord = false;
                continue;
            }
            inWord = true;
            if (c is '"' or '\'')
                quote = c;
            else if (c == '\\' && i + 1 < text.Length)
                current.Append(text[++i]);
            else
                current.Append(c);
        }
        if (quote != '\0')
            throw new FormatException($"unterminated quote in script command line: {text}");
        if (inWord)
            words.Add(current.ToString());
        return words;
    }

    private static string QuoteIfNeeded(string word) =>
        word.Length == 0 || word.Any(char.IsWhiteSpace) ? $"'{word}'" : word;
}
