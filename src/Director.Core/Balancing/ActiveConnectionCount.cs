namespace Director.Core.Balancing;

/// <summary>Active connections of one destination of one virtual service, as a data plane counts them.</summary>
public sealed record ActiveConnectionCount(VirtualServiceKey Service, DestinationKey Destination, long Active);
