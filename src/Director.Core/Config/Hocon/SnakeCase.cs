using System.Text;

namespace Director.Core.Config.Hocon;

/// <summary>
/// PascalCase property name to snake_case HOCON key. A word starts at an upper-case letter that
/// follows a lower-case letter or digit, or that ends an upper-case run before a lower-case
/// letter (<c>VRRPScript</c> -> <c>vrrp_script</c>, <c>LvsId</c> -> <c>lvs_id</c>). Digits stay with
/// the word before them (<c>Ipv6Address</c> -> <c>ipv6_address</c>), and <c>IPv4</c>/<c>IPv6</c>
/// count as one word (<c>IPv6Address</c> -> <c>ipv6_address</c>). Reading never inverts this:
/// keys are matched against the keys computed from the type's properties.
/// </summary>
public static class SnakeCase
{
    public static string FromPascal(string name)
    {
        var text = name.Replace("IPv4", "Ipv4", StringComparison.Ordinal)
                       .Replace("IPv6", "Ipv6", StringComparison.Ordinal);
        var builder = new StringBuilder(text.Length + 8);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsUpper(c) && i > 0 && text[i - 1] != '_' && StartsWord(text, i))
                builder.Append('_');
            builder.Append(char.ToLowerInvariant(c));
        }
        return builder.ToString();
    }

    private static bool StartsWord(string text, int i)
    {
        var previous = text[i - 1];
        if (char.IsLower(previous) || char.IsDigit(previous)) return true;
        return char.IsUpper(previous) && i + 1 < text.Length && char.IsLower(text[i + 1]);
    }
}
