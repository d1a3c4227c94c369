using System.Collections.Immutable;
using Director.Core.Config.Model;

namespace Director.Core.Balancing.Policy;

/// <summary>
/// keepalived's virtual server policy as pure functions:
/// <list type="bullet">
/// <item>Live weight: the sum of the effective weights (misc_dynamic / FILE_CHECK override, else the
///   configured weight) of the real servers that are up.</item>
/// <item>Quorum: at start up iff live weight &gt;= quorum + hysteresis. While up it is lost when the
///   live weight is 0 or &lt; quorum - hysteresis; while down it is regained when &gt;= quorum + hysteresis.
///   quorum_up / quorum_down run on each change (and quorum_down at start when a sorry server
///   has to be put in).</item>
/// <item>Sorry server: while the quorum is lost it is the only live destination (real servers that are
///   up are taken out, inhibited ones stay at weight 0); when the quorum returns it is removed (or
///   kept at weight 0 with sorry_server_inhibit) and the live real servers come back.</item>
/// <item>inhibit_on_failure (real or virtual server): a down server stays at weight 0.</item>
/// <item>notify_up / notify_down run when a real server changes state.</item>
/// <item>Operator overrides (drain, weight) replace the weight of a real server that is up, in the
///   table and in the live weight (as ipvsadm -w would); drain is weight 0, so the server stays in
///   the table and its established connections drain. A down server stays out (or at 0).</item>
/// </list>
/// </summary>
public static class VirtualServerPolicy
{
    /// <summary>Before any check: every real server up, unless alpha (then those with checkers are down).</summary>
    public static PolicyStep Start(VirtualServer vs)
    {
        ArgumentNullException.ThrowIfNull(vs);
        // keepalived: alpha starts the checkers failed; a real server without checkers is always up.
        var health = vs.RealServer.DistinctBy(r => r.Address)
            .ToImmutableDictionary(r => r.Address, r => vs.Alpha && r.Checkers.Count > 0 ? RealServerHealth.Down : RealServerHealth.Up);
        var state = new VirtualServerPolicyState { Health = health };
        var live = LiveWeight(vs, state);
        var (quorum, hysteresis) = QuorumRules.Of(vs);
        state = state with { QuorumUp = live >= quorum + hysteresis };
        var effects = new List<PolicyEffect>();
        if (!state.QuorumUp && vs.SorryServer is not null)
        {
            effects.Add(new PolicyLog($"Starting with quorum down {quorum}+{hysteresis}={quorum + hysteresis} > {live}"));
            if (vs.QuorumDown is { } script) effects.Add(new RunNotifyScript(script, "quorum down at start"));
        }

        return new PolicyStep(state, effects);
    }

    /// <summary>A real server's health changed (or its weight did).</summary>
    public static PolicyStep OnHealth(VirtualServer vs, VirtualServerPolicyState state, RealServerAddress address, RealServerHealth health)
    {
        ArgumentNullException.ThrowIfNull(vs);
        ArgumentNullException.ThrowIfNull(state);
        var before = state.HealthOf(address);
        if (before == health || !state.Health.ContainsKey(address)) return new PolicyStep(state, []);

        var effects = new List<PolicyEffect>();
        state = state with { Health = state.Health.SetItem(address, health) };
        if (before.IsUp != health.IsUp)
        {
            var rs = vs.RealServer.First(r => r.Address == address);
            var inhibit = rs.InhibitOnFailure || vs.InhibitOnFailure;
            var verb = health.IsUp ? (inhibit ? "Enabling" : "Adding") : (inhibit ? "Disabling" : "Removing");
            effects.Add(new PolicyLog($"{verb} service {address.Ip}:{address.Port} ({(health.IsUp ? "up" : "down")})"));
            var script = health.IsUp ? rs.NotifyUp : rs.NotifyDown;
            if (script is not null)
                effects.Add(new RunNotifyScript(script, $"real server {address.Ip}:{address.Port} {(health.IsUp ? "up" : "down")}"));
        }

        return UpdateQuorum(vs, state, effects);
    }

    /// <summary>
    /// An operator set (<paramref name="weight"/>; 0 drains) or cleared (null) the weight of a real
    /// server. Unknown addresses change nothing.
    /// </summary>
    public static PolicyStep OnOverride(VirtualServer vs, VirtualServerPolicyState state, RealServerAddress address, int? weight)
    {
        ArgumentNullException.ThrowIfNull(vs);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(address);
        if (weight < 0) throw new ArgumentOutOfRangeException(nameof(weight), weight, "a weight is 0 or more");
        var current = state.WeightOverrides.TryGetValue(address, out var w) ? w : (int?)null;
        if (current == weight || !state.Health.ContainsKey(address)) return new PolicyStep(state, []);

        state = state with
        {
            WeightOverrides = weight is { } set ? state.WeightOverrides.SetItem(address, set) : state.WeightOverrides.Remove(address),
        };
        var what = weight switch
        {
            null => "back to its configured weight",
            0 => "drained (weight 0)",
            _ => $"weight set to {weight}",
        };
        var effects = new List<PolicyEffect> { new PolicyLog($"Operator: service {address.Ip}:{address.Port} {what}") };
        return UpdateQuorum(vs, state, effects);
    }

    /// <summary>ha_suspend: the VIP came or went; checks run only while it is here.</summary>
    public static VirtualServerPolicyState OnVipPresence(VirtualServer vs, VirtualServerPolicyState state, bool present) =>
        state with { Suspended = vs.HaSuspend && !present };

    /// <summary>A reload changed the virtual server: the quorum is looked at again with its new real servers and weights.</summary>
    public static PolicyStep OnReconfigured(VirtualServer vs, VirtualServerPolicyState state)
    {
        ArgumentNullException.ThrowIfNull(vs);
        ArgumentNullException.ThrowIfNull(state);
        return UpdateQuorum(vs, state, []);
    }

    public static long LiveWeight(VirtualServer vs, VirtualServerPolicyState state)
    {
        long sum = 0;
        foreach (var rs in vs.RealServer)
        {
            var h = state.EffectiveHealthOf(rs.Address);
            if (h.IsUp) sum += Math.Max(0, h.Weight ?? rs.Weight);
        }

        return sum;
    }

    /// <summary>The services this virtual server puts in the kernel (several for a group).</summary>
    public static IReadOnlyList<VirtualService> Services(KeepalivedConfig config, VirtualServer vs, VirtualServerPolicyState state)
    {
        ArgumentNullException.ThrowIfNull(config);
        var sorryActive = vs.SorryServer is not null && !state.QuorumUp;

        // With the sorry server in, the real servers count as down (inhibited ones stay at weight 0),
        // as keepalived takes the live ones out of the pool.
        var single = config with { VirtualServer = new[] { vs with { SorryServer = null } } };
        var table = DesiredTableBuilder.From(single, key =>
            sorryActive ? RealServerHealth.Down : state.EffectiveHealthOf(key.RealServer));
        if (vs.SorryServer is null) return table.Ordered.ToList();
        if (!sorryActive && !vs.SorryServerInhibit) return table.Ordered.ToList();

        return table.Ordered.Select(service =>
        {
            var destination = DesiredTableBuilder.SorryDestination(vs, service.Key, sorryActive ? 1 : 0);
            var others = service.Destinations.Where(d => d.Key != destination.Key);
            return service with
            {
                Destinations = others.Append(destination)
                    .OrderBy(d => d.Address.ToString(), StringComparer.Ordinal)
                    .ThenBy(d => d.Port)
                    .ToEquatableList(),
            };
        }).ToList();
    }

    private static PolicyStep UpdateQuorum(VirtualServer vs, VirtualServerPolicyState state, List<PolicyEffect> effects)
    {
        var live = LiveWeight(vs, state);
        var (quorum, hysteresis) = QuorumRules.Of(vs);
        if (!state.QuorumUp && live >= quorum + hysteresis)
        {
            state = state with { QuorumUp = true };
            effects.Add(new PolicyLog($"Gained quorum {quorum}+{hysteresis}={quorum + hysteresis} <= {live}"));
            if (vs.SorryServer is not null)
                effects.Add(new PolicyLog($"{(vs.SorryServerInhibit ? "Disabling" : "Removing")} sorry server"));
            if (vs.QuorumUp is { } up) effects.Add(new RunNotifyScript(up, "quorum gained"));
        }
        else if (state.QuorumUp && (live == 0 || live < quorum - hysteresis))
        {
            state = state with { QuorumUp = false };
            effects.Add(new PolicyLog($"Lost quorum {quorum}-{hysteresis}={quorum - hysteresis} > {live}"));
            if (vs.SorryServer is not null)
                effects.Add(new PolicyLog($"{(vs.SorryServerInhibit ? "Enabling" : "Adding")} sorry server"));
            if (vs.QuorumDown is { } down) effects.Add(new RunNotifyScript(down, "quorum lost"));
        }

        return new PolicyStep(state, effects);
    }
}
