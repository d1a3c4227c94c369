using System.Collections.Immutable;
using Director.Core.Config.Model;

namespace Director.Core.Balancing.Policy;

/// <summary>
/// What a virtual server knows: the last health of each real server (by address), whether its
/// quorum is up, and whether checks are suspended (ha_suspend while the VIP is not here).
/// </summary>
public sealed record VirtualServerPolicyState
{
    public required ImmutableDictionary<RealServerAddress, RealServerHealth> Health { get; init; }

    public bool QuorumUp { get; init; }

    public bool Suspended { get; init; }

    public RealServerHealth HealthOf(RealServerAddress address) =>
        Health.GetValueOrDefault(address) ?? RealServerHealth.Down;
}

/// <summary>The new state after an event, and what to do about it.</summary>
public sealed record PolicyStep(VirtualServerPolicyState State, IReadOnlyList<PolicyEffect> Effects);
