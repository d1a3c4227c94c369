namespace Director.Core.Checks;

/// <summary>
/// keepalived's reading of a MISC_CHECK exit status: 0 is success; with misc_dynamic 2-255 is
/// success too and sets the weight to status - 2 (0-253), while 0 restores the configured weight;
/// anything else (1, or 2-255 without misc_dynamic, or death by a signal) is failure.
/// </summary>
public static class MiscExitCode
{
    /// <summary>Up, and the weight to set (null: leave it).</summary>
    public static (bool Up, int? Weight) Interpret(int exitStatus, bool dynamic, int configuredWeight)
    {
        if (exitStatus == 0)
            return (true, dynamic ? configuredWeight : null);
        if (dynamic && exitStatus is >= 2 and <= 255)
            return (true, exitStatus - 2);
        return (false, null);
    }
}
