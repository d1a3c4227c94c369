namespace Director.Core.Balancing;

/// <summary>
/// Live state of a real server from its checkers. <see cref="Weight"/> overrides the configured
/// weight when a checker set one (MISC_CHECK misc_dynamic).
/// </summary>
public sealed record RealServerHealth(bool IsUp, int? Weight = null)
{
    public static readonly RealServerHealth Up = new(true);
    public static readonly RealServerHealth Down = new(false);
}
