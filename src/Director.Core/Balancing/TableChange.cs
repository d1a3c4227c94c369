namespace Director.Core.Balancing;

/// <summary>
/// One step from one table to another. A new service comes as <see cref="AddService"/> followed by
/// one <see cref="AddDestination"/> per destination (the service's own Destinations list is
/// informational); <see cref="RemoveService"/> removes its destinations with it.
/// </summary>
public abstract record TableChange
{
    /// <summary>The service this change is made in.</summary>
    public abstract VirtualServiceKey ServiceKey { get; }
}

public sealed record AddService(VirtualService Service) : TableChange
{
    public override VirtualServiceKey ServiceKey => Service.Key;
}

/// <summary>Settings changed (scheduler, persistence, flags); destinations untouched.</summary>
public sealed record EditService(VirtualService Old, VirtualService New) : TableChange
{
    public override VirtualServiceKey ServiceKey => New.Key;
}

public sealed record RemoveService(VirtualServiceKey Key) : TableChange
{
    public override VirtualServiceKey ServiceKey => Key;
}

public sealed record AddDestination(VirtualServiceKey Service, Destination Destination) : TableChange
{
    public override VirtualServiceKey ServiceKey => Service;
}

/// <summary>Weight, method or thresholds of an existing destination changed.</summary>
public sealed record EditDestination(VirtualServiceKey Service, Destination Old, Destination New) : TableChange
{
    public override VirtualServiceKey ServiceKey => Service;
}

public sealed record RemoveDestination(VirtualServiceKey Service, DestinationKey Destination) : TableChange
{
    public override VirtualServiceKey ServiceKey => Service;
}
