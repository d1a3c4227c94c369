using System.Net;
using System.Net.NetworkInformation;

namespace Director.Actors.Native;

/// <summary>rtnetlink address/route scopes (rtnetlink.h RT_SCOPE_*).</summary>
public enum AddressScope : byte
{
    Global = 0,
    Site = 200,
    Link = 253,
    Host = 254,
    Nowhere = 255,
}

/// <summary>
/// One address to put on (or take off) an interface: a VIP or excluded VIP as keepalived's
/// <c>virtual_ipaddress</c> line gives it (<c>ADDR/PREFIX brd B dev IF scope S label L no_dad</c>).
/// </summary>
public sealed record VipAddressSpec(
    string Interface,
    IPAddress Address,
    int PrefixLength,
    IPAddress? Broadcast = null,
    AddressScope Scope = AddressScope.Global,
    string? Label = null,
    bool NoDad = false)
{
    public override string ToString() => $"{Address}/{PrefixLength} dev {Interface}";
}

/// <summary>An address the kernel reports on an interface.</summary>
public sealed record KernelInterfaceAddress(string Interface, IPAddress Address, int PrefixLength, string? Label = null);

/// <summary>A route as keepalived's <c>virtual_routes</c> gives it (the commonly used parts).</summary>
public sealed record RouteSpec(
    IPAddress Destination,
    int PrefixLength,
    IPAddress? Gateway = null,
    string? Interface = null,
    IPAddress? PreferredSource = null,
    int? Table = null,
    int? Metric = null,
    AddressScope Scope = AddressScope.Global)
{
    public override string ToString() =>
        $"{Destination}/{PrefixLength}{(Gateway is null ? "" : $" via {Gateway}")}{(Interface is null ? "" : $" dev {Interface}")}";
}

/// <summary>
/// A VRRP virtual-MAC interface (keepalived's <c>use_vmac</c>): a macvlan on
/// <paramref name="BaseInterface"/> named <paramref name="Name"/> with MAC 00:00:5e:00:01:VRID
/// (02 for IPv6).
/// </summary>
public sealed record VmacSpec(string Name, string BaseInterface, PhysicalAddress Mac);
