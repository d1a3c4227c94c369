using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Director.Core.Config.Hocon;

internal sealed class StringCodec : ScalarCodec
{
    public static readonly StringCodec Instance = new();

    public override string Expected => "a string";

    public override string Format(object value) => HoconText.QuoteString((string)value);

    public override bool TryParse(string text, out object? value)
    {
        value = text;
        return true;
    }
}

internal sealed class BooleanCodec : ScalarCodec
{
    public static readonly BooleanCodec Instance = new();

    public override string Expected => "a boolean (true or false)";

    public override string Format(object value) => (bool)value ? "true" : "false";

    public override bool TryParse(string text, out object? value)
    {
        value = text.ToLowerInvariant() switch
        {
            "true" or "yes" or "on" => true,
            "false" or "no" or "off" => false,
            _ => null,
        };
        return value is not null;
    }
}

/// <summary>Any integral type, range-checked through Int128.</summary>
internal sealed class IntegerCodec(Type type, Int128 min, Int128 max) : ScalarCodec
{
    public override string Expected =>
        type == typeof(int) || type == typeof(long)
            ? "an integer"
            : $"an integer between {min.ToString(CultureInfo.InvariantCulture)} and {max.ToString(CultureInfo.InvariantCulture)}";

    public override string Format(object value) => Convert.ToString(value, CultureInfo.InvariantCulture)!;

    public override bool TryParse(string text, out object? value)
    {
        value = null;
        if (!Int128.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
            || number < min || number > max)
            return false;
        value = Convert.ChangeType(number.ToString(CultureInfo.InvariantCulture), type, CultureInfo.InvariantCulture);
        return true;
    }
}

internal sealed class FloatingCodec(Type type) : ScalarCodec
{
    public override string Expected => "a number";

    public override string Format(object value)
    {
        var text = type == typeof(float)
            ? ((float)value).ToString("R", CultureInfo.InvariantCulture)
            : ((double)value).ToString("R", CultureInfo.InvariantCulture);
        return text.All(c => char.IsAsciiDigit(c) || c is '.' or '-' or 'E') ? text : HoconText.QuoteString(text);
    }

    public override bool TryParse(string text, out object? value)
    {
        value = null;
        if (type == typeof(float))
        {
            if (!float.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var single)) return false;
            value = single;
            return true;
        }
        if (!double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number)) return false;
        value = number;
        return true;
    }
}

internal sealed class DurationCodec : ScalarCodec
{
    public static readonly DurationCodec Instance = new();

    public override string Expected => "a duration with a unit (e.g. 1s, 100ms)";

    public override string Format(object value) => HoconDuration.Format((TimeSpan)value);

    public override bool TryParse(string text, out object? value)
    {
        var ok = HoconDuration.TryParse(text, out var duration);
        value = duration;
        return ok;
    }
}

internal sealed class IpAddressCodec : ScalarCodec
{
    public static readonly IpAddressCodec Instance = new();

    public override string Expected => "an IP address";

    public override string Format(object value) => HoconText.QuoteString(((IPAddress)value).ToString());

    public override bool TryParse(string text, out object? value)
    {
        value = null;
        var trimmed = text.Trim();
        if (!IPAddress.TryParse(trimmed, out var address)) return false;
        // IPAddress.TryParse also takes "10" or "10.1" as IPv4; only the dotted quad is an address here.
        if (address.AddressFamily == AddressFamily.InterNetwork
            && (trimmed.Count(c => c == '.') != 3 || !trimmed.All(c => char.IsAsciiDigit(c) || c == '.')))
            return false;
        value = address;
        return true;
    }
}

/// <summary>
/// Enums by member name; read case-insensitively and ignoring <c>_</c> and <c>-</c>, so keepalived
/// spellings like <c>rr</c> or <c>NAT</c> match members <c>Rr</c> or <c>Nat</c>.
/// </summary>
internal sealed class EnumCodec : ScalarCodec
{
    private readonly Type _type;
    private readonly Dictionary<string, object> _byName = new(StringComparer.Ordinal);

    public EnumCodec(Type type)
    {
        _type = type;
        foreach (var name in Enum.GetNames(type))
            _byName.TryAdd(Normalize(name), Enum.Parse(type, name));
    }

    public override string Expected => "one of " + string.Join(", ", Enum.GetNames(_type));

    public override string Format(object value)
    {
        var text = Enum.GetName(_type, value) ?? value.ToString()!;
        return text.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-') && text != "null"
            ? text
            : HoconText.QuoteString(text);
    }

    public override bool TryParse(string text, out object? value)
    {
        if (_byName.TryGetValue(Normalize(text), out value)) return true;
        var ok = Enum.TryParse(_type, text.Trim(), ignoreCase: true, out value);
        return ok;
    }

    private static string Normalize(string name) =>
        name.Trim().Replace("_", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).ToLowerInvariant();
}
