namespace Director.Core.Config.Model;

/// <summary>A <c>real_server IP [PORT]</c> block and its health checkers.</summary>
public sealed record RealServer
{
    public RealServerAddress Address { get; init; } = new();

    public int Weight { get; init; } = 1;

    public bool InhibitOnFailure { get; init; }

    public string? NotifyUp { get; init; }

    public string? NotifyDown { get; init; }

    public bool SmtpAlert { get; init; }

    public EquatableList<HealthChecker> Checkers { get; init; } = EquatableList<HealthChecker>.Empty;
}
