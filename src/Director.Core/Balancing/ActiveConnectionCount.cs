namespace Director.Core.Balancing;

/// <summary>Connections of one destination of one virtual service, as a data plane counts them.</summary>
/// <param name="Inactive">Connections the data plane holds but not ESTABLISHED (IPVS's InActConn); 0 where it has no such count.</param>
public sealed record ActiveConnectionCount(VirtualServiceKey Service, DestinationKey Destination, long Active, long Inactive = 0);
