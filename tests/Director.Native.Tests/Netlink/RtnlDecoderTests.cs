using System.Buffers.Binary;
using System.Net;
using Director.Native.Netlink;

namespace Director.Native.Tests.Netlink;

public class RtnlDecoderTests
{
    private static NetlinkMessage Single(byte[] bytes) => Assert.Single(NetlinkMessageReader.ReadMessages(bytes));

    [Fact]
    public void Link_message_decodes_index_name_flags_mac_mtu_kind_parent()
    {
        var ifinfo = new byte[16];
        BinaryPrimitives.WriteInt32LittleEndian(ifinfo.AsSpan(4), 12);
        BinaryPrimitives.WriteUInt32LittleEndian(ifinfo.AsSpan(8), Rtnl.IFF_UP | Rtnl.IFF_RUNNING | Rtnl.IFF_LOWER_UP);
        var bytes = new NetlinkMessageWriter(Rtnl.RTM_NEWLINK, 0)
            .Fixed(ifinfo)
            .String(Rtnl.IFLA_IFNAME, "vrrp.51")
            .Attribute(Rtnl.IFLA_ADDRESS, [0, 0, 0x5e, 0, 1, 51])
            .U32(Rtnl.IFLA_MTU, 1500)
            .U32(Rtnl.IFLA_LINK, 2)
            .U8(Rtnl.IFLA_OPERSTATE, 6)
            .BeginNested(Rtnl.IFLA_LINKINFO).String(Rtnl.IFLA_INFO_KIND, "macvlan").EndNested()
            .ToArray();

        var link = RtnlDecoder.DecodeLink(Single(bytes));

        Assert.Equal(new LinkInfo(12, "vrrp.51", Rtnl.IFF_UP | Rtnl.IFF_RUNNING | Rtnl.IFF_LOWER_UP, VirtualRouterMac.For(51), 1500, "macvlan", 2, 6), link);
        Assert.True(link.IsUp && link.IsRunning && link.IsLowerUp);
    }

    [Fact]
    public void Address_message_prefers_IFA_LOCAL_and_IFA_FLAGS()
    {
        byte[] ifaddr = [RtnlMessages.AF_INET, 24, (byte)AddressFlags.Permanent, (byte)AddressScope.Link, 4, 0, 0, 0];
        var bytes = new NetlinkMessageWriter(Rtnl.RTM_NEWADDR, 0)
            .Fixed(ifaddr)
            .Attribute(Rtnl.IFA_ADDRESS, [10, 0, 0, 99])
            .Attribute(Rtnl.IFA_LOCAL, [10, 0, 0, 1])
            .Attribute(Rtnl.IFA_BROADCAST, [10, 0, 0, 255])
            .String(Rtnl.IFA_LABEL, "eth0:vip")
            .U32(Rtnl.IFA_FLAGS, (uint)(AddressFlags.Permanent | AddressFlags.NoPrefixRoute))
            .ToArray();

        var address = RtnlDecoder.DecodeAddress(Single(bytes));

        Assert.Equal(4, address.InterfaceIndex);
        Assert.Equal(IPAddress.Parse("10.0.0.1"), address.Address);
        Assert.Equal(24, address.PrefixLength);
        Assert.Equal(AddressScope.Link, address.Scope);
        Assert.Equal(AddressFlags.Permanent | AddressFlags.NoPrefixRoute, address.Flags);
        Assert.Equal("eth0:vip", address.Label);
        Assert.Equal(IPAddress.Parse("10.0.0.255"), address.Broadcast);
    }

    [Fact]
    public void Ipv6_address_without_IFA_LOCAL_uses_IFA_ADDRESS()
    {
        byte[] ifaddr = [RtnlMessages.AF_INET6, 64, (byte)AddressFlags.NoDad, 0, 2, 0, 0, 0];
        var bytes = new NetlinkMessageWriter(Rtnl.RTM_DELADDR, 0)
            .Fixed(ifaddr)
            .Attribute(Rtnl.IFA_ADDRESS, IPAddress.Parse("2001:db8::7").GetAddressBytes())
            .ToArray();

        var change = Assert.IsType<AddressChanged>(RtnlDecoder.DecodeEvent(Single(bytes)));

        Assert.True(change.Removed);
        Assert.Equal(IPAddress.Parse("2001:db8::7"), change.Address.Address);
        Assert.Equal(AddressFlags.NoDad, change.Address.Flags);
    }

    [Fact]
    public void Route_message_decodes_to_the_spec_that_would_recreate_it()
    {
        var route = new RouteSpec(IPAddress.Parse("203.0.113.0"), 24)
        {
            Gateway = IPAddress.Parse("10.0.0.1"),
            OutputInterfaceIndex = 3,
            PreferredSource = IPAddress.Parse("10.0.0.2"),
            Metric = 9,
            Table = 4000,
            Scope = AddressScope.Universe,
        };
        var request = Single(RtnlMessages.NewRoute(route));

        Assert.Equal(route, RtnlDecoder.DecodeRoute(request));
    }

    [Fact]
    public void Default_route_without_RTA_DST_decodes_to_the_any_address()
    {
        var request = Single(RtnlMessages.NewRoute(new RouteSpec(IPAddress.IPv6Any, 0) { Gateway = IPAddress.Parse("fe80::1") }));
        var decoded = RtnlDecoder.DecodeRoute(request);
        Assert.Equal(IPAddress.IPv6Any, decoded.Destination);
        Assert.Equal(Rtnl.RT_TABLE_MAIN, decoded.Table);
    }

    [Fact]
    public void Unknown_message_types_are_not_events()
    {
        var bytes = new NetlinkMessageWriter(Rtnl.RTM_NEWROUTE, 0).Fixed(new byte[12]).ToArray();
        Assert.Null(RtnlDecoder.DecodeEvent(Single(bytes)));
    }

    [Fact]
    public void Truncated_family_header_is_invalid()
    {
        var bytes = new NetlinkMessageWriter(Rtnl.RTM_NEWLINK, 0).Fixed(new byte[4]).ToArray();
        Assert.Throws<InvalidDataException>(() => RtnlDecoder.DecodeLink(Single(bytes)));
    }
}
