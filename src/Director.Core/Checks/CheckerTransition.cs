namespace Director.Core.Checks;

public enum CheckerTransitionKind
{
    Up,
    Down,
    WeightChanged,
}

/// <summary>A change a checker reports to its virtual server. For WeightChanged, either Weight (absolute) or WeightDelta is set.</summary>
public sealed record CheckerTransition(CheckerTransitionKind Kind, string Detail)
{
    public int? Weight { get; init; }

    public int? WeightDelta { get; init; }
}

/// <summary>What the runner decided after an outcome: when to check next, what changed, what to log.</summary>
public sealed record CheckerStep(DateTimeOffset NextCheckAt, IReadOnlyList<CheckerTransition> Transitions, string? LogLine)
{
    public bool IsRetry { get; init; }
}
