namespace Director.Core.Scripts;

/// <summary>
/// How one tracked script (or interface) affects an instance, as keepalived applies weights:
/// weight 0 puts the instance in FAULT while the tracked thing is down; a positive weight is added
/// while it is up; a negative weight is added (so subtracted) while it is down. <c>reverse</c>
/// swaps up and down ("weight 0 reverse" is FAULT while the script succeeds).
/// </summary>
public static class TrackedScriptWeight
{
    /// <summary>Priority change for a tracked thing that is <paramref name="up"/>; 0 for weight 0.</summary>
    public static int Delta(int weight, bool reverse, bool up)
    {
        var effectiveUp = up != reverse;
        if (weight > 0)
            return effectiveUp ? weight : 0;
        if (weight < 0)
            return effectiveUp ? 0 : weight;
        return 0;
    }

    /// <summary>True when an unweighted tracked thing holds the instance in FAULT.</summary>
    public static bool Faults(int weight, bool reverse, bool up) => weight == 0 && up == reverse;
}
