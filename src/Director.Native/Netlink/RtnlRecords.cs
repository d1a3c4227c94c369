using System.Net;
using System.Net.NetworkInformation;

namespace Director.Native.Netlink;

/// <summary>A network interface as rtnetlink reports it.</summary>
public sealed record LinkInfo(
    int Index,
    string Name,
    uint Flags,
    PhysicalAddress? Mac,
    uint Mtu,
    string? Kind,
    int? ParentIndex,
    byte OperState)
{
    public bool IsUp => (Flags & Rtnl.IFF_UP) != 0;
    public bool IsRunning => (Flags & Rtnl.IFF_RUNNING) != 0;
    public bool IsLowerUp => (Flags & Rtnl.IFF_LOWER_UP) != 0;
}

/// <summary>
/// An interface address, as listed or as requested. <see cref="Label"/> (IFA_LABEL) and
/// <see cref="Broadcast"/> apply to IPv4 only.
/// </summary>
public sealed record InterfaceAddress(int InterfaceIndex, IPAddress Address, byte PrefixLength)
{
    public AddressScope Scope { get; init; } = AddressScope.Universe;
    public AddressFlags Flags { get; init; } = AddressFlags.None;
    public string? Label { get; init; }
    public IPAddress? Broadcast { get; init; }
}

public enum RouteType : byte
{
    Unicast = 1,
    Local = 2,
    Blackhole = 6,
    Unreachable = 7,
    Prohibit = 8,
}

/// <summary>A route to add or delete. Scope null means: link for a v4 unicast route without gateway, else universe.</summary>
public sealed record RouteSpec(IPAddress Destination, byte PrefixLength)
{
    public IPAddress? Gateway { get; init; }
    public int? OutputInterfaceIndex { get; init; }
    public IPAddress? PreferredSource { get; init; }
    public uint? Metric { get; init; }
    public uint Table { get; init; } = Rtnl.RT_TABLE_MAIN;
    public AddressScope? Scope { get; init; }
    public RouteType Type { get; init; } = RouteType.Unicast;
    public byte Protocol { get; init; } = Rtnl.RTPROT_BOOT;
}

/// <summary>A macvlan link to create on <see cref="ParentIndex"/> (keepalived's use_vmac).</summary>
public sealed record MacvlanSpec(string Name, int ParentIndex, PhysicalAddress Mac)
{
    public MacvlanMode Mode { get; init; } = MacvlanMode.Private;
}

/// <summary>Something the kernel announced on a subscribed rtnetlink group.</summary>
public abstract record NetlinkEvent;

/// <summary>RTM_NEWLINK (state change or new link) or RTM_DELLINK (<see cref="Removed"/>).</summary>
public sealed record LinkChanged(LinkInfo Link, bool Removed) : NetlinkEvent;

/// <summary>RTM_NEWADDR or RTM_DELADDR (<see cref="Removed"/>).</summary>
public sealed record AddressChanged(InterfaceAddress Address, bool Removed) : NetlinkEvent;

/// <summary>Virtual router MAC addresses (RFC 5798 section 7.3).</summary>
public static class VirtualRouterMac
{
    /// <summary>00:00:5e:00:01:VRID for IPv4, 00:00:5e:00:02:VRID for IPv6.</summary>
    public static PhysicalAddress For(byte vrid, bool ipv6 = false) =>
        new([0x00, 0x00, 0x5e, 0x00, ipv6 ? (byte)0x02 : (byte)0x01, vrid]);
}
