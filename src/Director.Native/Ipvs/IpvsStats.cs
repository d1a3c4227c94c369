namespace Director.Native.Ipvs;

/// <summary>Counters and rates of a service or destination (IPVS_*_ATTR_STATS64, else STATS).</summary>
public sealed record IpvsStats(
    ulong Connections,
    ulong InPackets,
    ulong OutPackets,
    ulong InBytes,
    ulong OutBytes,
    ulong ConnectionsPerSecond,
    ulong InPacketsPerSecond,
    ulong OutPacketsPerSecond,
    ulong InBytesPerSecond,
    ulong OutBytesPerSecond)
{
    public static readonly IpvsStats Zero = new(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
}

/// <summary>One service from a GET_SERVICE dump.</summary>
public sealed record IpvsServiceEntry(IpvsService Service, IpvsStats Stats);

/// <summary>One destination from a GET_DEST dump, with its connection counts.</summary>
public sealed record IpvsDestinationEntry(
    IpvsDestination Destination,
    uint ActiveConnections,
    uint InactiveConnections,
    uint PersistentConnections,
    IpvsStats Stats);
