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

    public EquatableList<Destination> Destinations { get; init; } = EquatableList<Destination>.Empty;

    /// <summary>True when everything but the destinations equals <paramref name="other"/>'s.</summary>
    public bool SameSettingsAs(VirtualService other) =>
        Key == other.Key && Scheduler == other.Scheduler && Persistence == other.Persistence && OnePacket == other.OnePacket;

    public Destination? FindDestination(DestinationKey key) => Destinations.FirstOrDefault(d => d.Key == key);
}
