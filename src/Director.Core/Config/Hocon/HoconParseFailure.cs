namespace Director.Core.Config.Hocon;

/// <summary>
/// Where an error thrown by Akka's HOCON parser sits in the text: the parser names no position, but
/// its one error that gets past <see cref="HoconSyntaxCheck"/> in practice, an unresolved
/// substitution, names the key, whose <c>${...}</c> can be found.
/// </summary>
public static class HoconParseFailure
{
    private const string Unresolved = "Unresolved substitution: ";

    /// <summary>The 1-based line of the substitution the parser could not resolve, or null.</summary>
    public static int? LineOf(string text, string parserMessage)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(parserMessage);
        var at = parserMessage.IndexOf(Unresolved, StringComparison.Ordinal);
        if (at < 0) return null;
        var name = parserMessage[(at + Unresolved.Length)..].Trim();
        if (name.Length == 0) return null;
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
            if (lines[i].Contains("${" + name + "}", StringComparison.Ordinal) || lines[i].Contains("${?" + name + "}", StringComparison.Ordinal))
                return i + 1;
        return null;
    }
}
