namespace Director.Core.Config.Model;

/// <summary>A <c>vrrp_script NAME</c> block: a command whose exit status adjusts priority.</summary>
public sealed record VrrpScript
{
    public string Name { get; init; } = "";

    public string Script { get; init; } = "";

    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Null: keepalived uses the interval.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>0: FAULT after <see cref="Fall"/> failures; positive: added when up; negative: subtracted when down.</summary>
    public int Weight { get; init; }

    public int Rise { get; init; } = 1;

    public int Fall { get; init; } = 1;

    public ScriptUser? User { get; init; }
}
