using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Director.Native.Netlink;

/// <summary>Pure encoders of rtnetlink requests (sequence number left 0 for the socket to set).</summary>
public static class RtnlMessages
{
    public const byte AF_UNSPEC = 0;
    public const byte AF_INET = 2;
    public const byte AF_INET6 = 10;

    private const ushort Create = Nl.NLM_F_REQUEST | Nl.NLM_F_ACK | Nl.NLM_F_CREATE | Nl.NLM_F_EXCL;
    private const ushort Ack = Nl.NLM_F_REQUEST | Nl.NLM_F_ACK;

    public static byte Family(IPAddress address) =>
        address.AddressFamily == AddressFamily.InterNetworkV6 ? AF_INET6 : AF_INET;

    public static byte[] GetLinks() =>
        new NetlinkMessageWriter(Rtnl.RTM_GETLINK, Nl.NLM_F_REQUEST | Nl.NLM_F_DUMP)
            .Fixed(IfInfoMsg(AF_UNSPEC, 0, 0, 0)).ToArray();

    public static byte[] GetAddresses(byte family = AF_UNSPEC) =>
        new NetlinkMessageWriter(Rtnl.RTM_GETADDR, Nl.NLM_F_REQUEST | Nl.NLM_F_DUMP)
            .Fixed(IfAddrMsg(family, 0, 0, 0, 0)).ToArray();

    public static byte[] GetRoutes(byte family = AF_UNSPEC)
    {
        var rtmsg = new byte[Rtnl.RtMsgLength];
        rtmsg[0] = family;
        return new NetlinkMessageWriter(Rtnl.RTM_GETROUTE, Nl.NLM_F_REQUEST | Nl.NLM_F_DUMP).Fixed(rtmsg).ToArray();
    }

    /// <summary>RTM_GETROUTE for one destination (ip route get): the kernel answers with the route it would use.</summary>
    public static byte[] GetRouteTo(IPAddress destination)
    {
        var family = Family(destination);
        var rtmsg = new byte[Rtnl.RtMsgLength];
        rtmsg[0] = family;
        rtmsg[1] = (byte)(family == AF_INET6 ? 128 : 32);
        return new NetlinkMessageWriter(Rtnl.RTM_GETROUTE, Ack).Fixed(rtmsg)
            .Attribute(Rtnl.RTA_DST, destination.GetAddressBytes())
            .ToArray();
    }

    /// <summary>RTM_NEWADDR; with <paramref name="replace"/> an existing equal address is updated instead of EEXIST.</summary>
    public static byte[] NewAddress(InterfaceAddress address, bool replace = false)
    {
        var flags = (ushort)(Nl.NLM_F_REQUEST | Nl.NLM_F_ACK | Nl.NLM_F_CREATE | (replace ? Nl.NLM_F_REPLACE : Nl.NLM_F_EXCL));
        var family = Family(address.Address);
        var writer = new NetlinkMessageWriter(Rtnl.RTM_NEWADDR, flags)
            .Fixed(IfAddrMsg(family, address.PrefixLength, (byte)((uint)address.Flags & 0xff), (byte)address.Scope, address.InterfaceIndex))
            .Attribute(Rtnl.IFA_LOCAL, address.Address.GetAddressBytes())
            .Attribute(Rtnl.IFA_ADDRESS, address.Address.GetAddressBytes());
        if (address.Broadcast is not null)
        {
            RequireFamily(address.Broadcast, family, "broadcast");
            writer.Attribute(Rtnl.IFA_BROADCAST, address.Broadcast.GetAddressBytes());
        }
        if (address.Label is not null)
        {
            if (family != AF_INET) throw new ArgumentException("an address label applies to IPv4 only");
            if (address.Label.Length > 15) throw new ArgumentException($"label '{address.Label}' is longer than 15 characters");
            writer.String(Rtnl.IFA_LABEL, address.Label);
        }
        if ((uint)address.Flags > 0xff) writer.U32(Rtnl.IFA_FLAGS, (uint)address.Flags);
        return writer.ToArray();
    }

    public static byte[] DeleteAddress(InterfaceAddress address)
    {
        var family = Family(address.Address);
        return new NetlinkMessageWriter(Rtnl.RTM_DELADDR, Ack)
            .Fixed(IfAddrMsg(family, address.PrefixLength, 0, 0, address.InterfaceIndex))
            .Attribute(Rtnl.IFA_LOCAL, address.Address.GetAddressBytes())
            .Attribute(Rtnl.IFA_ADDRESS, address.Address.GetAddressBytes())
            .ToArray();
    }

    public static byte[] NewRoute(RouteSpec route, bool replace = false) =>
        Route(Rtnl.RTM_NEWROUTE,
            (ushort)(Nl.NLM_F_REQUEST | Nl.NLM_F_ACK | Nl.NLM_F_CREATE | (replace ? Nl.NLM_F_REPLACE : Nl.NLM_F_EXCL)),
            route);

    public static byte[] DeleteRoute(RouteSpec route) => Route(Rtnl.RTM_DELROUTE, Ack, route);

    public static byte[] NewMacvlan(MacvlanSpec spec)
    {
        if (spec.Name.Length is 0 or > 15) throw new ArgumentException($"interface name '{spec.Name}' must be 1-15 characters");
        if (spec.Mac.GetAddressBytes().Length != 6) throw new ArgumentException("a macvlan MAC has 6 bytes");
        return new NetlinkMessageWriter(Rtnl.RTM_NEWLINK, Create)
            .Fixed(IfInfoMsg(AF_UNSPEC, 0, 0, 0))
            .String(Rtnl.IFLA_IFNAME, spec.Name)
            .U32(Rtnl.IFLA_LINK, (uint)spec.ParentIndex)
            .Attribute(Rtnl.IFLA_ADDRESS, spec.Mac.GetAddressBytes())
            .BeginNested(Rtnl.IFLA_LINKINFO)
                .String(Rtnl.IFLA_INFO_KIND, "macvlan")
                .BeginNested(Rtnl.IFLA_INFO_DATA)
                    .U32(Rtnl.IFLA_MACVLAN_MODE, (uint)spec.Mode)
                .EndNested()
            .EndNested()
            .ToArray();
    }

    public static byte[] DeleteLink(int index) =>
        new NetlinkMessageWriter(Rtnl.RTM_DELLINK, Ack).Fixed(IfInfoMsg(AF_UNSPEC, index, 0, 0)).ToArray();

    /// <summary>Sets or clears IFF_UP on a link (ip link set dev X up/down).</summary>
    public static byte[] SetLinkUp(int index, bool up) =>
        new NetlinkMessageWriter(Rtnl.RTM_NEWLINK, Ack)
            .Fixed(IfInfoMsg(AF_UNSPEC, index, up ? Rtnl.IFF_UP : 0, Rtnl.IFF_UP)).ToArray();

    private static byte[] Route(ushort type, ushort flags, RouteSpec route)
    {
        var family = Family(route.Destination);
        var scope = route.Scope ?? DefaultScope(route, family);
        var smallTable = route.Table < 256;
        Span<byte> rtmsg = stackalloc byte[Rtnl.RtMsgLength];
        rtmsg[0] = family;
        rtmsg[1] = route.PrefixLength;
        rtmsg[4] = smallTable ? (byte)route.Table : Rtnl.RT_TABLE_UNSPEC;
        rtmsg[5] = type == Rtnl.RTM_DELROUTE ? (byte)0 : route.Protocol;
        rtmsg[6] = type == Rtnl.RTM_DELROUTE && route.Scope is null ? (byte)AddressScope.Nowhere : (byte)scope;
        rtmsg[7] = (byte)route.Type;
        var writer = new NetlinkMessageWriter(type, flags).Fixed(rtmsg);
        if (route.PrefixLength > 0) writer.Attribute(Rtnl.RTA_DST, route.Destination.GetAddressBytes());
        if (route.Gateway is not null)
        {
            RequireFamily(route.Gateway, family, "gateway");
            writer.Attribute(Rtnl.RTA_GATEWAY, route.Gateway.GetAddressBytes());
        }
        if (route.OutputInterfaceIndex is { } oif) writer.U32(Rtnl.RTA_OIF, (uint)oif);
        if (route.PreferredSource is not null)
        {
            RequireFamily(route.PreferredSource, family, "source");
            writer.Attribute(Rtnl.RTA_PREFSRC, route.PreferredSource.GetAddressBytes());
        }
        if (route.Metric is { } metric) writer.U32(Rtnl.RTA_PRIORITY, metric);
        if (!smallTable) writer.U32(Rtnl.RTA_TABLE, route.Table);
        return writer.ToArray();
    }

    private static AddressScope DefaultScope(RouteSpec route, byte family) =>
        route.Type == RouteType.Local ? AddressScope.Host
        : route.Type == RouteType.Unicast && route.Gateway is null && family == AF_INET ? AddressScope.Link
        : AddressScope.Universe;

    private static void RequireFamily(IPAddress address, byte family, string what)
    {
        if (Family(address) != family) throw new ArgumentException($"{what} {address} is not of the destination's address family");
    }

    private static byte[] IfInfoMsg(byte family, int index, uint flags, uint change)
    {
        var bytes = new byte[Rtnl.IfInfoMsgLength];
        bytes[0] = family;
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4), index);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(8), flags);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(12), change);
        return bytes;
    }

    private static byte[] IfAddrMsg(byte family, byte prefixLength, byte flags, byte scope, int index)
    {
        var bytes = new byte[Rtnl.IfAddrMsgLength];
        bytes[0] = family;
        bytes[1] = prefixLength;
        bytes[2] = flags;
        bytes[3] = scope;
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4), index);
        return bytes;
    }
}
