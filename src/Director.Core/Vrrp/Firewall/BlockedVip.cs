using System.Net;
using System.Net.Sockets;

namespace Director.Core.Vrrp.Firewall;

/// <summary>
/// A virtual address a MASTER without accept mode must not accept traffic for. An IPv6
/// link-local address is only meaningful with its interface, so it is blocked on that interface
/// alone (keepalived does the same with an address-and-interface set).
/// </summary>
public sealed record BlockedVip(IPAddress Address, string Interface)
{
    public bool IsIpv6 => Address.AddressFamily == AddressFamily.InterNetworkV6;

    public bool IsLinkLocal => IsIpv6 && Address.IsIPv6LinkLocal;
}
