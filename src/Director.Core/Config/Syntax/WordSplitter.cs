using System.Text;

namespace Director.Core.Config.Syntax;

/// <summary>
/// Splits one logical line into words like keepalived's <c>alloc_strvec_quoted_escaped()</c>:
/// whitespace separates words, <c>"..."</c> and <c>'...'</c> quote (the quotes are removed and
/// adjacent quoted and bare pieces join into one word), and a backslash escapes anywhere:
/// <c>\a \b \E \f \n \r \t \v</c>, <c>\nnn</c> (up to 3 octal digits), <c>\xHH..</c> (all hex digits
/// that follow), <c>\cC</c> (control character) and <c>\C</c> for any other character C.
/// </summary>
internal static class WordSplitter
{
    /// <summary>The words of <paramref name="line"/>, or null with <paramref name="error"/> set.</summary>
    private static readonly System.Buffers.SearchValues<char> Special = System.Buffers.SearchValues.Create("\"'\\");

    public static List<string>? Split(string line, out string? error)
    {
        error = null;
        if (line.AsSpan().IndexOfAny(Special) < 0)
            return [.. line.Split([' ', '\t', '\f', '\n', '\r', '\v'], StringSplitOptions.RemoveEmptyEntries)];
        var words = new List<string>();
        var sb = new StringBuilder();
        var i = 0;
        var n = line.Length;
        while (true)
        {
            while (i < n && IsWhiteSpace(line[i])) i++;
            if (i == n) break;

            sb.Clear();
            var quote = '\0';
            while (i < n)
            {
                var c = line[i];
                if (quote == '\0' && IsWhiteSpace(c)) break;
                if (c == '\\')
                {
                    i++;
                    if (i == n)
                    {
                        error = "'\\' at the end of the line escapes nothing";
                        return null;
                    }
                    sb.Append(ReadEscape(line, ref i));
                    continue;
                }
                if (quote != '\0' && c == quote) quote = '\0';
                else if (quote == '\0' && (c == '"' || c == '\'')) quote = c;
                else sb.Append(c);
                i++;
            }
            if (quote != '\0')
            {
                error = $"missing terminating {quote} in: {line}";
                return null;
            }
            words.Add(sb.ToString());
        }
        return words;
    }

    public static bool IsWhiteSpace(char c) => c is ' ' or '\t' or '\f' or '\n' or '\r' or '\v';

    // i points at the character after the backslash; on return it points past the escape.
    private static char ReadEscape(string s, ref int i)
    {
        var c = s[i];
        if (c == 'x' && i + 1 < s.Length && char.IsAsciiHexDigit(s[i + 1]))
        {
            i++;
            var value = 0;
            while (i < s.Length && char.IsAsciiHexDigit(s[i]))
            {
                value = ((value << 4) | Convert.ToInt32(s[i].ToString(), 16)) & 0xFF;
                i++;
            }
            return (char)value;
        }
        if (c == 'c' && i + 1 < s.Length)
        {
            var control = (char)(s[i + 1] & 0x1F);
            i += 2;
            return control;
        }
        if (c is >= '0' and <= '7')
        {
            var value = 0;
            for (var digits = 0; digits < 3 && i < s.Length && s[i] is >= '0' and <= '7'; digits++, i++)
                value = ((value << 3) + (s[i] - '0')) & 0xFF;
            return (char)value;
        }
        i++;
        return c switch
        {
            'a' => '\a',
            'b' => '\b',
            'E' => '\u001B',
            'f' => '\f',
            'n' => '\n',
            'r' => '\r',
            't' => '\t',
            'v' => '\v',
            _ => c,
        };
    }
}
