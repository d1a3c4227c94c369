using System.Collections.Immutable;
using Director.Core.Config.Model;

namespace Director.Core.Balancing.Policy;

/// <summary>
/// What a virtual server knows: the last health of each real server (by address), whether its
/// quorum is up, whether checks are suspended (ha_suspend while the VIP is not here), and the
/// operator's weight overrides (drain = 0), by address so that they outlive a reload.
/// </summary>
public sealed record VirtualServerPolicyState
{
    public required ImmutableDictionary<RealServerAddress, RealServerHealth> Health { get; init; }

    public bool QuorumUp { get; init; }

    public bool Suspended { get; init; }

    /// <summary>Weights set by an operator (drain is 0); a real server that is down stays out whatever its override.</summary>
    public ImmutableDictionary<RealServerAddress, int> WeightOverrides { get; init; } = ImmutableDictionary<RealServerAddress, int>.Empty;

    public RealServerHealth HealthOf(RealServerAddress address) =>
        Health.GetValueOrDefault(address) ?? RealServerHealth.Down;

    /// <summary>The checker's verdict with the operator's weight, if any, in place of the weight.</summary>
    public RealServerHealth EffectiveHealthOf(RealServerAddress address)
    {
        var health = HealthOf(address);
        return health.IsUp && WeightOverrides.TryGetValue(address, out var weight) ? health with { Weight = weight } : health;
    }
}

/// <summary>The new state after an event, and what to do about it.</summary>
public sealed record PolicyStep(VirtualServerPolicyState State, IReadOnlyList<PolicyEffect> Effects);
