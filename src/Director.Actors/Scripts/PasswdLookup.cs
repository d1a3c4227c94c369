namespace Director.Actors.Scripts;

/// <summary>
/// Reads a user's primary group id from /etc/passwd (local users only, like keepalived's common
/// script_user setups), so a script run as USER without a GROUP gets USER's own group.
/// </summary>
internal static class PasswdLookup
{
    public static string? PrimaryGroupId(string user, string passwdPath = "/etc/passwd")
    {
        if (!File.Exists(passwdPath))
            return null;
        foreach (var line in File.ReadLines(passwdPath))
        {
            var fields = line.Split(':');
            if (fields.Length >= 4 && fields[0] == user)
                return fields[3];
        }
        return null;
    }
}
