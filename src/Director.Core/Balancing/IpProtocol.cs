namespace Director.Core.Balancing;

/// <summary>Transport protocol of a virtual service; values are the IP protocol numbers.</summary>
public enum IpProtocol
{
    Tcp = 6,
    Udp = 17,
    Sctp = 132,
}
