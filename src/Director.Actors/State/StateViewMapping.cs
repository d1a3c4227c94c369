using Director.Actors.Native;
using Director.Actors.Vrrp;

namespace Director.Actors.State;

/// <summary>Turns the actors' own status records into the plain views the `state` actor reports.</summary>
public static class StateViewMapping
{
    public static VrrpInstanceView ToView(this VrrpInstanceStatus status) => new(
        status.Name,
        status.Interface,
        StateName(status.State),
        status.EffectivePriority,
        status.BasePriority,
        status.MasterAddress?.ToString(),
        status.Vips.Select(v => v.ToString()).ToList(),
        status.AdvertsSent,
        status.AdvertsReceived,
        status.Drops.Where(d => d.Value > 0).ToDictionary(d => d.Key.ToString(), d => d.Value, StringComparer.Ordinal),
        status.Transitions)
    {
        BecameMaster = status.BecameMaster,
        ReleasedMaster = status.ReleasedMaster,
    };

    public static TransitionView ToView(this VrrpTransitioned transition) => new(
        transition.Instance, StateName(transition.From), StateName(transition.To), transition.Priority, transition.At);

    public static KernelWritesView ToView(this NativeIoStats stats) => new(
        stats.Writes,
        stats.Failures,
        stats.MeanLatency.TotalSeconds,
        stats.LastLatency.TotalSeconds,
        stats.TotalLatency.TotalSeconds,
        stats.Pending)
    {
        ForwardingRepairs = stats.ForwardingRepairs,
        FirewallRepairs = stats.FirewallRepairs,
    };

    /// <summary>keepalived's spelling: MASTER, BACKUP, FAULT, INIT, STOP.</summary>
    public static string StateName(Core.Vrrp.VrrpState state) => state.ToString().ToUpperInvariant();
}
