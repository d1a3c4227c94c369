namespace Director.Core.Config.Syntax;

/// <summary>
/// keepalived's <c>decomment()</c>: drops leading and trailing blanks and everything from an
/// unquoted <c>#</c> or <c>!</c>, turns <c>\#</c> and <c>\!</c> outside double quotes into the bare
/// character, and keeps a trailing <c>\</c> (a definition continuation) right after the text.
/// Only double quotes protect comment characters.
/// </summary>
internal static class CommentStripper
{
    private static readonly System.Buffers.SearchValues<char> Special = System.Buffers.SearchValues.Create("#!\"\\");

    public static string Strip(string line)
    {
        var start = 0;
        while (start < line.Length && IsBlank(line[start])) start++;
        if (start == line.Length) return "";
        if (line.AsSpan(start).IndexOfAny(Special) < 0)
        {
            var last = line.Length;
            while (IsBlank(line[last - 1])) last--;
            return start == 0 && last == line.Length ? line : line[start..last];
        }

        var quoted = false;
        var continued = false;
        var sb = new System.Text.StringBuilder(line.Length - start);
        for (var i = start; i < line.Length; i++)
        {
            var c = line[i];
            if (c == '"')
            {
                quoted = !quoted;
                sb.Append(c);
            }
            else if (c == '\\')
            {
                if (i + 1 == line.Length)
                {
                    continued = true;
                    break;
                }
                var next = line[i + 1];
                if (!quoted && (next == '#' || next == '!')) sb.Append(next);
                else sb.Append(c).Append(next);
                i++;
            }
            else if (!quoted && (c == '#' || c == '!'))
            {
                // keepalived still looks for a final '\' after the comment start.
                continued = line.Length > i && line[^1] == '\\' && !EndsInEscapedBackslash(line, i);
                break;
            }
            else sb.Append(c);
        }

        var end = sb.Length;
        while (end > 0 && IsBlank(sb[end - 1])) end--;
        sb.Length = end;
        if (continued) sb.Append('\\');
        return sb.ToString();
    }

    public static bool IsBlank(char c) => c == ' ' || c == '\t';

    // After a comment start keepalived keeps scanning escapes pairwise; a final '\' counts as a
    // continuation only when it is not the second half of a "\\" pair.
    private static bool EndsInEscapedBackslash(string line, int from)
    {
        var i = from;
        while (i < line.Length)
        {
            if (line[i] == '\\')
            {
                if (i + 1 == line.Length) return false;
                i += 2;
            }
            else i++;
        }
        return true;
    }
}
