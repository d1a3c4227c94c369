using System.Collections.Immutable;

namespace Director.Core.Vrrp.Sync;

public enum TrackedKind
{
    Script,
    Interface,
}

/// <summary>One <c>track_script</c> or <c>track_interface</c> entry of an instance (or of its sync group).</summary>
public sealed record TrackedItem(TrackedKind Kind, string Name, int Weight = 0, bool Reverse = false);

/// <summary>
/// What an instance tracks and the latest news about each, folded into an
/// <see cref="EffectivePriorityResult"/>. Scripts start unknown (until their first result);
/// interfaces start down until reported up, as keepalived treats a missing interface.
/// </summary>
public sealed class InstanceTracking
{
    private readonly ImmutableDictionary<(TrackedKind, string), TrackedState> _states;

    public int BasePriority { get; }
    public bool ApplyWeights { get; }

    private InstanceTracking(int basePriority, bool applyWeights, ImmutableDictionary<(TrackedKind, string), TrackedState> states)
    {
        BasePriority = basePriority;
        ApplyWeights = applyWeights;
        _states = states;
    }

    /// <param name="applyWeights">False for a sync group member without sync_group_tracking_weight.</param>
    public static InstanceTracking Create(int basePriority, IEnumerable<TrackedItem> items, bool applyWeights = true)
    {
        var states = ImmutableDictionary.CreateBuilder<(TrackedKind, string), TrackedState>();
        foreach (var item in items)
        {
            states[(item.Kind, item.Name)] = new TrackedState(
                item.Name, item.Weight, Up: false, item.Reverse, Known: item.Kind == TrackedKind.Interface);
        }
        return new InstanceTracking(basePriority, applyWeights, states.ToImmutable());
    }

    public InstanceTracking WithScript(string name, bool ok) => With(TrackedKind.Script, name, ok);

    public InstanceTracking WithInterface(string name, bool up) => With(TrackedKind.Interface, name, up);

    /// <summary>The same tracked states under another base priority (a reload changed only the priority).</summary>
    public InstanceTracking WithBasePriority(int basePriority) => new(basePriority, ApplyWeights, _states);

    public bool Tracks(TrackedKind kind, string name) => _states.ContainsKey((kind, name));

    public EffectivePriorityResult Evaluate() =>
        EffectivePriority.Compute(BasePriority, _states.Values.OrderBy(s => s.Name, StringComparer.Ordinal), ApplyWeights);

    private InstanceTracking With(TrackedKind kind, string name, bool up) =>
        _states.TryGetValue((kind, name), out var s)
            ? new InstanceTracking(BasePriority, ApplyWeights, _states.SetItem((kind, name), s with { Up = up, Known = true }))
            : this;
}
