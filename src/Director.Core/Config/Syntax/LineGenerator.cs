using System.Globalization;

namespace Director.Core.Config.Syntax;

/// <summary>
/// A <c>~SEQ(var, [start, [step,]] end)</c>, <c>~SEQx(...)</c> or <c>~LST(var, v1, v2, ...)</c> /
/// <c>~LST({a, b}, {1, 2}, {3, 4})</c> line: the rest of the line (its template) is produced once
/// for each value, with the variables defined to that value first. Parsing follows keepalived's
/// <c>add_seq()</c> and <c>add_lst()</c>.
/// </summary>
internal sealed class LineGenerator
{
    /// <summary>Most lines one generator may produce.</summary>
    public const long MaxIterations = 1_000_000;

    private readonly IReadOnlyList<string> _variables;
    private readonly IEnumerator<IReadOnlyList<string>> _values;

    private LineGenerator(string template, IReadOnlyList<string> variables, IEnumerable<IReadOnlyList<string>> values)
    {
        Template = template;
        _variables = variables;
        _values = values.GetEnumerator();
    }

    /// <summary>The text produced for each value.</summary>
    public string Template { get; }

    /// <summary>Defines the next value's variables; false when all values were used.</summary>
    public bool MoveNext(DefinitionTable definitions)
    {
        if (!_values.MoveNext()) return false;
        var values = _values.Current;
        for (var i = 0; i < _variables.Count; i++) definitions.Set(_variables[i], values[i]);
        return true;
    }

    public static bool IsGenerator(string line) => line.StartsWith("~SEQ", StringComparison.Ordinal) || line.StartsWith("~LST", StringComparison.Ordinal);

    /// <summary>Parses a generator line; on failure returns null and sets <paramref name="error"/>.</summary>
    public static LineGenerator? Parse(string line, Func<string, string> expandParameters, out string? error) =>
        line[1] == 'S' ? ParseSequence(line, expandParameters, out error) : ParseList(line, out error);

    private static LineGenerator? ParseSequence(string line, Func<string, string> expandParameters, out string? error)
    {
        error = $"invalid ~SEQ: expected '~SEQ(var, [start, [step,]] end) text' in '{line}'";
        var p = 4;
        var hex = p < line.Length && line[p] == 'x';
        if (hex) p++;
        p = SkipBlanks(line, p);
        if (p >= line.Length || line[p] != '(') return null;
        p = SkipBlanks(line, p + 1);
        var varStart = p;
        while (p < line.Length && line[p] is not (' ' or '\t' or ',' or ')')) p++;
        var variable = line[varStart..p];
        p = SkipBlanks(line, p);
        if (variable.Length == 0 || p >= line.Length || line[p] != ',') return null;
        var close = line.IndexOf(')', p);
        if (close < 0) return null;

        var numbers = expandParameters(line[(p + 1)..close]).Split(',');
        var parsed = new long[numbers.Length];
        for (var i = 0; i < numbers.Length; i++)
            if (numbers.Length > 3 || !TryParseCNumber(numbers[i].Trim(' ', '\t'), out parsed[i])) return null;

        long start, step, end;
        switch (parsed.Length)
        {
            case 1:
                end = parsed[0];
                step = end < 1 ? -1 : 1;
                start = end < 0 ? -1 : 1;
                break;
            case 2:
                start = parsed[0];
                end = parsed[1];
                step = start <= end ? 1 : -1;
                break;
            default:
                (start, step, end) = (parsed[0], parsed[1], parsed[2]);
                if (step == 0 || (start < end && step < 0) || (start > end && step > 0))
                {
                    error = $"invalid ~SEQ values (step {step} never goes from {start} to {end}) in '{line}'";
                    return null;
                }
                break;
        }
        if (hex && (start < 0 || end < 0))
        {
            error = $"~SEQx is only valid for positive numbers in '{line}'";
            return null;
        }
        var count = (Int128)end - start;
        count = count / step + 1;
        if (count > MaxIterations)
        {
            error = $"~SEQ would produce {count} lines (at most {MaxIterations}) in '{line}'";
            return null;
        }

        error = null;
        var template = line[SkipBlanks(line, close + 1)..];
        return new LineGenerator(template, [variable], Sequence(start, step, (long)count, hex));
    }

    private static IEnumerable<IReadOnlyList<string>> Sequence(long start, long step, long count, bool hex)
    {
        for (long i = 0, value = start; i < count; i++, value += step)
            yield return [hex ? value.ToString("x", CultureInfo.InvariantCulture) : value.ToString(CultureInfo.InvariantCulture)];
    }

    private static LineGenerator? ParseList(string line, out string? error)
    {
        error = $"invalid ~LST: expected '~LST(var, value, ...) text' or '~LST({{var, ...}}, {{value, ...}}, ...) text' in '{line}'";
        var p = SkipBlanks(line, 4);
        if (p >= line.Length || line[p] != '(') return null;
        p = SkipBlanks(line, p + 1);

        var variables = new List<string>();
        var grouped = p < line.Length && line[p] == '{';
        if (grouped) p = SkipBlanks(line, p + 1);
        var endChar = grouped ? '}' : ',';
        while (true)
        {
            var start = p;
            while (p < line.Length && line[p] is not (' ' or '\t' or ',' or '}')) p++;
            variables.Add(line[start..p]);
            p = SkipBlanks(line, p);
            if (p >= line.Length) return null;
            if (line[p] == endChar) break;
            if (line[p] != ',') return null;
            p = SkipBlanks(line, p + 1);
        }
        if (line[p] == '}') p = SkipBlanks(line, p + 1);
        if (p >= line.Length || line[p] != ',') return null;
        p = SkipBlanks(line, p + 1);

        var valueSets = new List<IReadOnlyList<string>>();
        while (true)
        {
            var set = new List<string>();
            var inBraces = p < line.Length && line[p] == '{';
            if (inBraces) p = SkipBlanks(line, p + 1);
            var setEnd = inBraces ? '}' : ',';
            while (true)
            {
                var start = p;
                while (p < line.Length && line[p] is not (' ' or '\t' or ',' or '}' or ')')) p++;
                set.Add(line[start..p]);
                p = SkipBlanks(line, p);
                if (p >= line.Length) return null;
                if (line[p] == setEnd || (line[p] == ')' && !inBraces)) break;
                if (line[p] != ',') return null;
                p = SkipBlanks(line, p + 1);
                if (set.Count >= variables.Count)
                {
                    error = $"~LST has more values than variables in '{line}'";
                    return null;
                }
            }
            while (set.Count < variables.Count) set.Add("");
            valueSets.Add(set);

            if (inBraces && line[p] == '}') p = SkipBlanks(line, p + 1);
            if (p >= line.Length) return null;
            if (line[p] == ')') break;
            if (line[p] != ',') return null;
            p = SkipBlanks(line, p + 1);
        }

        error = null;
        var template = line[SkipBlanks(line, p + 1)..];
        return new LineGenerator(template, variables, valueSets);
    }

    private static int SkipBlanks(string s, int p)
    {
        while (p < s.Length && CommentStripper.IsBlank(s[p])) p++;
        return p;
    }

    /// <summary>strtol(s, 0) on the whole text: optional sign, then 0x hex, leading-0 octal or decimal.</summary>
    private static bool TryParseCNumber(string s, out long value)
    {
        value = 0;
        var negative = false;
        var i = 0;
        if (i < s.Length && (s[i] == '-' || s[i] == '+'))
        {
            negative = s[i] == '-';
            i++;
        }
        var digits = s[i..];
        if (digits.Length == 0) return false;
        bool ok;
        if (digits.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
            ok = long.TryParse(digits[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value) && digits.Length > 2;
        else if (digits.Length > 1 && digits[0] == '0')
        {
            ok = digits.All(c => c is >= '0' and <= '7');
            if (ok) value = Convert.ToInt64(digits, 8);
        }
        else ok = digits.All(char.IsAsciiDigit) && long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out value);
        if (negative) value = -value;
        return ok;
    }
}
