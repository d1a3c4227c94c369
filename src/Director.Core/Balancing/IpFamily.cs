namespace Director.Core.Balancing;

/// <summary>Address family of a virtual service (IPVS's AF; nftables' <c>ip</c> / <c>ip6</c> table).</summary>
public enum IpFamily
{
    V4 = 2,
    V6 = 10,
}
