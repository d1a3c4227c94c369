using Director.Core.Config.Model;

namespace Director.Core.Balancing;

/// <summary>One virtual service with its settings and its destinations (ordered by key for stable output).</summary>
public sealed record VirtualService
{
    public required VirtualServiceKey Key { get; init; }

    public Scheduler Scheduler { get; init; } = Scheduler.Wlc;

    public Persistence? Persistence { get; init; }

    /// <summary>One-packet scheduling (<c>ops</c>, UDP).</summary>
    public bool OnePacket { get; init; }

    /// <summary>IPVS scheduler flags 1-3 (sh/mh: fallback is 1, port is 2).</summary>
    public SchedulerFlags SchedulerFlags { get; init; }

    public EquatableList<Destination> Destinations { get; init; } = EquatableList<Destination>.Empty;

    /// <summary>True when everything but the destinations equals <paramref name="other"/>'s.</summary>
    public bool SameSettingsAs(VirtualService other) =>
        Key == other.Key && Scheduler == other.Scheduler && Persistence == other.Persistence && OnePacket == other.OnePacket
        && SchedulerFlags == other.SchedulerFlags;

    public Destination? FindDestination(DestinationKey key) => Destinations.FirstOrDefault(d => d.Key == key);
}
