using System.Net;

namespace Director.Native.Netlink;

/// <summary>
/// rtnetlink operations on one network namespace: links, addresses, routes, macvlan links.
/// Every call is synchronous (the kernel answers at once) and throws
/// <see cref="KernelCallException"/> with the errno on failure (e.g. 17 EEXIST, 99 EADDRNOTAVAIL).
/// </summary>
public sealed class RtnetlinkClient : IDisposable
{
    private readonly NetlinkSocket _socket;

    private RtnetlinkClient(NetlinkSocket socket) => _socket = socket;

    /// <summary>Opens a NETLINK_ROUTE socket in <paramref name="netns"/> (null: the caller's namespace).</summary>
    public static RtnetlinkClient Open(string? netns = null) =>
        new(NetlinkSocket.Open(Nl.NETLINK_ROUTE, netns));

    public IReadOnlyList<LinkInfo> ListLinks() =>
        _socket.Dump(RtnlMessages.GetLinks(), "list links")
            .Where(m => m.Type == Rtnl.RTM_NEWLINK)
            .Select(RtnlDecoder.DecodeLink)
            .ToList();

    public LinkInfo? FindLink(string name) => ListLinks().FirstOrDefault(l => l.Name == name);

    public LinkInfo GetLink(string name) =>
        FindLink(name) ?? throw new KernelCallException($"find link {name}", KnownErrno.ENODEV);

    /// <summary>Addresses of every interface, or of <paramref name="interfaceIndex"/> only.</summary>
    public IReadOnlyList<InterfaceAddress> ListAddresses(int? interfaceIndex = null, byte family = RtnlMessages.AF_UNSPEC) =>
        _socket.Dump(RtnlMessages.GetAddresses(family), "list addresses")
            .Where(m => m.Type == Rtnl.RTM_NEWADDR)
            .Select(RtnlDecoder.DecodeAddress)
            .Where(a => interfaceIndex is null || a.InterfaceIndex == interfaceIndex)
            .ToList();

    /// <summary>Adds an address; EEXIST when present unless <paramref name="replace"/>.</summary>
    public void AddAddress(InterfaceAddress address, bool replace = false) =>
        _socket.Request(RtnlMessages.NewAddress(address, replace), $"add address {address.Address}/{address.PrefixLength}");

    /// <summary>Deletes an address; EADDRNOTAVAIL (99) when absent.</summary>
    public void DeleteAddress(InterfaceAddress address) =>
        _socket.Request(RtnlMessages.DeleteAddress(address), $"delete address {address.Address}/{address.PrefixLength}");

    /// <summary>Routes of every table (or of <paramref name="table"/>), including local and broadcast ones the kernel made.</summary>
    public IReadOnlyList<RouteSpec> ListRoutes(byte family = RtnlMessages.AF_UNSPEC, uint? table = null) =>
        _socket.Dump(RtnlMessages.GetRoutes(family), "list routes")
            .Where(m => m.Type == Rtnl.RTM_NEWROUTE)
            .Select(RtnlDecoder.DecodeRoute)
            .Where(r => table is null || r.Table == table)
            .ToList();

    /// <summary>
    /// The route the kernel would use to reach <paramref name="destination"/> (policy rules
    /// included, as <c>ip route get</c>); its <see cref="RouteSpec.OutputInterfaceIndex"/> is the
    /// device. ENETUNREACH (101) when there is none.
    /// </summary>
    public RouteSpec RouteTo(IPAddress destination) =>
        _socket.Query(RtnlMessages.GetRouteTo(destination), $"get route to {destination}")
            .Where(m => m.Type == Rtnl.RTM_NEWROUTE)
            .Select(RtnlDecoder.DecodeRoute)
            .FirstOrDefault() ?? throw new KernelCallException($"get route to {destination}", KnownErrno.ENETUNREACH);

    public void AddRoute(RouteSpec route, bool replace = false) =>
        _socket.Request(RtnlMessages.NewRoute(route, replace), $"add route {route.Destination}/{route.PrefixLength}");

    /// <summary>Deletes a route; ESRCH (3) when absent.</summary>
    public void DeleteRoute(RouteSpec route) =>
        _socket.Request(RtnlMessages.DeleteRoute(route), $"delete route {route.Destination}/{route.PrefixLength}");

    /// <summary>Creates the macvlan link (down) and returns it as the kernel lists it.</summary>
    public LinkInfo CreateMacvlan(MacvlanSpec spec)
    {
        _socket.Request(RtnlMessages.NewMacvlan(spec), $"create macvlan {spec.Name}");
        return GetLink(spec.Name);
    }

    public void DeleteLink(int index) => _socket.Request(RtnlMessages.DeleteLink(index), $"delete link {index}");

    public void SetLinkUp(int index, bool up) =>
        _socket.Request(RtnlMessages.SetLinkUp(index, up), $"set link {index} {(up ? "up" : "down")}");

    public void Dispose() => _socket.Dispose();
}
