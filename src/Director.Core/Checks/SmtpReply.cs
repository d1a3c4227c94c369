namespace Director.Core.Checks;

/// <summary>
/// The status of an SMTP reply line as keepalived reads it: exactly three digits followed by the
/// end of the line or a space; anything else (including "250-" continuation lines) is -1.
/// </summary>
public static class SmtpReply
{
    public static int Status(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var text = line.TrimEnd('\r', '\n');
        if (text.Length < 3 || !char.IsAsciiDigit(text[0]) || !char.IsAsciiDigit(text[1]) || !char.IsAsciiDigit(text[2]))
            return -1;
        if (text.Length > 3 && text[3] != ' ')
            return -1;
        return (text[0] - '0') * 100 + (text[1] - '0') * 10 + (text[2] - '0');
    }

    public static string Helo(string name) => $"HELO {name}\r\n";

    public const string Quit = "QUIT\r\n";
}
