namespace Director.Integration.Tests.Vrrp;

/// <summary>Which VRRP daemon a node runs.</summary>
public enum Implementation
{
    Director,
    Keepalived,
}
