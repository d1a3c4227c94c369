using System.Globalization;
using System.Text;

namespace Director.Core.Config.Hocon;

/// <summary>Quoting of strings and keys so that any content reads back unchanged.</summary>
internal static class HoconText
{
    /// <summary>
    /// A quoted HOCON string. Akka's parser turns a lone quoted <c>"null"</c> into null, so that
    /// one value is written as the concatenation <c>"nu""ll"</c>, which reads back as the string.
    /// </summary>
    public static string QuoteString(string value)
    {
        if (value == "null") return "\"nu\"\"ll\"";
        var builder = new StringBuilder(value.Length + 2);
        AppendQuoted(builder, value);
        return builder.ToString();
    }

    /// <summary>A key as written before <c>=</c>: bare when it is a plain identifier, else quoted.</summary>
    public static string Key(string key)
    {
        if (IsBareKey(key)) return key;
        var builder = new StringBuilder(key.Length + 2);
        AppendQuoted(builder, key);
        return builder.ToString();
    }

    /// <summary>A string for error messages: quoted and escaped like JSON.</summary>
    public static string Show(string value)
    {
        var builder = new StringBuilder(value.Length + 2);
        AppendQuoted(builder, value.Length > 60 ? value[..60] + "..." : value);
        return builder.ToString();
    }

    private static bool IsBareKey(string key)
    {
        if (key.Length == 0 || !(char.IsAsciiLetter(key[0]) || key[0] == '_')) return false;
        foreach (var c in key)
            if (!(char.IsAsciiLetterOrDigit(c) || c == '_' || c == '-')) return false;
        return key != "include" && key != "null" && key != "true" && key != "false";
    }

    private static void AppendQuoted(StringBuilder builder, string value)
    {
        builder.Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                case '\b': builder.Append("\\b"); break;
                case '\f': builder.Append("\\f"); break;
                default:
                    if (c < 0x20 || c == 0x7F || IsLoneSurrogate(value, i))
                        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else
                        builder.Append(c);
                    break;
            }
        }
        builder.Append('"');
    }

    private static bool IsLoneSurrogate(string value, int i)
    {
        var c = value[i];
        if (char.IsHighSurrogate(c)) return i + 1 >= value.Length || !char.IsLowSurrogate(value[i + 1]);
        if (char.IsLowSurrogate(c)) return i == 0 || !char.IsHighSurrogate(value[i - 1]);
        return false;
    }
}
