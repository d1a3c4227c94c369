using Director.Core.Scripts;

namespace Director.Core.Vrrp.Sync;

/// <summary>The outcome of combining an instance's base priority with what it tracks.</summary>
/// <param name="Priority">Priority to advertise: 1-254, or 255 for the address owner.</param>
/// <param name="Fault">An unweighted tracked script/interface is down: the instance must be FAULT.</param>
/// <param name="Waiting">An unweighted tracked script has no result yet: the instance stays in INIT.</param>
/// <param name="FaultReasons">Names of the tracked things holding the instance in FAULT.</param>
public sealed record EffectivePriorityResult(int Priority, bool Fault, bool Waiting, IReadOnlyList<string> FaultReasons)
{
    public bool Equals(EffectivePriorityResult? other) =>
        other is not null && Priority == other.Priority && Fault == other.Fault && Waiting == other.Waiting
        && FaultReasons.SequenceEqual(other.FaultReasons);

    public override int GetHashCode() => HashCode.Combine(Priority, Fault, Waiting);
}

/// <summary>
/// keepalived's effective priority (vrrp_track.c / vrrp.c, 2.2.x): base priority plus the weights
/// of tracked scripts and interfaces, clamped to 1-254. The address owner (base 255) never changes
/// its priority; its weighted tracking is ignored but unweighted tracking still faults it. A
/// member of a sync group ignores weights too, unless the group sets sync_group_tracking_weight
/// (<paramref name="applyWeights"/>).
/// </summary>
public static class EffectivePriority
{
    public const int Owner = 255;
    public const int Min = 1;
    public const int MaxNonOwner = 254;

    public static EffectivePriorityResult Compute(
        int basePriority,
        IEnumerable<TrackedState> tracked,
        bool applyWeights = true)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(basePriority, Min);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(basePriority, Owner);
        ArgumentNullException.ThrowIfNull(tracked);

        var total = basePriority;
        var faults = new List<string>();
        var waiting = false;
        var useWeights = applyWeights && basePriority != Owner;
        foreach (var t in tracked)
        {
            if (t.Weight == 0)
            {
                if (!t.Known)
                    waiting = true;
                else if (TrackedScriptWeight.Faults(t.Weight, t.Reverse, t.Up))
                    faults.Add(t.Name);
                continue;
            }
            if (useWeights)
                total += TrackedScriptWeight.Delta(t.Weight, t.Reverse, t.Known && t.Up);
        }

        var priority = basePriority == Owner ? Owner : Math.Clamp(total, Min, MaxNonOwner);
        return new EffectivePriorityResult(priority, faults.Count > 0, waiting && faults.Count == 0, faults);
    }
}
