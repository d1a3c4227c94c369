namespace Director.Core.Balancing;

/// <summary>How packets reach a destination (keepalived's <c>lb_kind</c>: NAT, TUN, DR).</summary>
public enum ForwardingMethod
{
    Masquerade,
    Tunnel,
    DirectRoute,
}
