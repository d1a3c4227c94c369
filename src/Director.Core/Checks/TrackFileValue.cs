using System.Globalization;

namespace Director.Core.Checks;

/// <summary>
/// keepalived's reading of a tracked file for FILE_CHECK: the file's first number (C strtol with
/// base 0: decimal, 0x hex, 0 octal; leading blanks allowed, trailing text ignored, no number is
/// 0; a missing or empty file is 0). With weight 0 a non-zero value is a fault (reverse: a zero
/// value is); otherwise the value times the weight (negated by reverse) is added to the server's
/// weight, and int.MinValue is a fault.
/// </summary>
public static class TrackFileValue
{
    /// <summary>The number in <paramref name="content"/>; null when it is out of range (keepalived ignores the read).</summary>
    public static long? Parse(string? content)
    {
        if (string.IsNullOrEmpty(content))
            return 0;
        var text = content.Length > 127 ? content[..127] : content;
        var i = 0;
        while (i < text.Length && char.IsWhiteSpace(text[i]))
            i++;
        var negative = false;
        if (i < text.Length && (text[i] == '+' || text[i] == '-'))
        {
            negative = text[i] == '-';
            i++;
        }
        var radix = 10;
        if (i + 1 < text.Length && text[i] == '0' && (text[i + 1] == 'x' || text[i + 1] == 'X') && i + 2 < text.Length && Uri.IsHexDigit(text[i + 2]))
        {
            radix = 16;
            i += 2;
        }
        else if (i < text.Length && text[i] == '0')
        {
            radix = 8;
        }
        System.Numerics.BigInteger value = 0;
        var digits = 0;
        for (; i < text.Length; i++)
        {
            var d = DigitValue(text[i]);
            if (d < 0 || d >= radix)
                break;
            value = value * radix + d;
            digits++;
            if (value > (System.Numerics.BigInteger)long.MaxValue)
                return null;
        }
        if (digits == 0)
            return 0;
        var result = negative ? -(long)value : (long)value;
        if (result < int.MinValue || result > (long)int.MaxValue + 1)
            return null;
        return result;
    }

    /// <summary>(Up, weight delta) for a file value tracked with <paramref name="weight"/> and <paramref name="reverse"/>.</summary>
    public static (bool Up, int WeightDelta) Evaluate(long value, int weight, bool reverse)
    {
        if (weight == 0)
        {
            var fault = reverse ? value == 0 : value != 0;
            return (!fault, 0);
        }
        var product = value * weight * (reverse ? -1L : 1L);
        var clamped = (int)Math.Clamp(product, int.MinValue, int.MaxValue);
        return clamped == int.MinValue ? (false, 0) : (true, clamped);
    }

    private static int DigitValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'z' => c - 'a' + 10,
        >= 'A' and <= 'Z' => c - 'A' + 10,
        _ => -1,
    };

    public static string Describe(long value) => value.ToString(CultureInfo.InvariantCulture);
}
