namespace Director.Core.Balancing;

/// <summary>
/// One step from one table to another. A new service comes as <see cref="AddService"/> followed by
/// one <see cref="AddDestination"/> per destination (the service's own Destinations list is
/// informational); <see cref="RemoveService"/> removes its destinations with it.
/// </summary>
public abstract record TableChange;

public sealed record AddService(VirtualService Service) : TableChange;

/// <summary>Settings changed (scheduler, persistence, flags); destinations untouched.</summary>
public sealed record EditService(VirtualService Old, VirtualService New) : TableChange;

public sealed record RemoveService(VirtualServiceKey Key) : TableChange;

public sealed record AddDestination(VirtualServiceKey Service, Destination Destination) : TableChange;

/// <summary>Weight, method or thresholds of an existing destination changed.</summary>
public sealed record EditDestination(VirtualServiceKey Service, Destination Old, Destination New) : TableChange;

public sealed record RemoveDestination(VirtualServiceKey Service, DestinationKey Destination) : TableChange;
