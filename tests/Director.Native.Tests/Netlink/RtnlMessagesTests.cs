using System.Buffers.Binary;
using System.Net;
using Director.Native.Netlink;

namespace Director.Native.Tests.Netlink;

public class RtnlMessagesTests
{
    private static (NetlinkMessage Message, Dictionary<ushort, NetlinkAttribute> Attributes) Decode(byte[] bytes, int fixedLength)
    {
        var message = Assert.Single(NetlinkMessageReader.ReadMessages(bytes));
        var attributes = NetlinkMessageReader.ReadAttributes(message.Payload[fixedLength..]).ToDictionary(a => a.Type);
        return (message, attributes);
    }

    [Fact]
    public void Ipv4_address_carries_local_broadcast_label_scope_and_index()
    {
        var request = new InterfaceAddress(7, IPAddress.Parse("10.1.2.3"), 24)
        {
            Broadcast = IPAddress.Parse("10.1.2.255"),
            Label = "eth0:vip",
            Scope = AddressScope.Link,
        };

        var (message, attributes) = Decode(RtnlMessages.NewAddress(request), Rtnl.IfAddrMsgLength);

        Assert.Equal(Rtnl.RTM_NEWADDR, message.Type);
        Assert.Equal(Nl.NLM_F_REQUEST | Nl.NLM_F_ACK | Nl.NLM_F_CREATE | Nl.NLM_F_EXCL, message.Flags);
        var header = message.Payload.Span;
        Assert.Equal(RtnlMessages.AF_INET, header[0]);
        Assert.Equal(24, header[1]);
        Assert.Equal((byte)AddressScope.Link, header[3]);
        Assert.Equal(7, BinaryPrimitives.ReadInt32LittleEndian(header[4..]));
        Assert.Equal(new byte[] { 10, 1, 2, 3 }, attributes[Rtnl.IFA_LOCAL].Value.ToArray());
        Assert.Equal(new byte[] { 10, 1, 2, 255 }, attributes[Rtnl.IFA_BROADCAST].Value.ToArray());
        Assert.Equal("eth0:vip", attributes[Rtnl.IFA_LABEL].AsString());
        Assert.False(attributes.ContainsKey(Rtnl.IFA_FLAGS));
    }

    [Fact]
    public void Replace_uses_the_replace_flag_instead_of_exclusive()
    {
        var (message, _) = Decode(RtnlMessages.NewAddress(new InterfaceAddress(1, IPAddress.Parse("10.0.0.1"), 32), replace: true), Rtnl.IfAddrMsgLength);
        Assert.Equal(Nl.NLM_F_REQUEST | Nl.NLM_F_ACK | Nl.NLM_F_CREATE | Nl.NLM_F_REPLACE, message.Flags);
    }

    [Fact]
    public void Ipv6_address_flags_above_eight_bits_go_in_IFA_FLAGS()
    {
        var request = new InterfaceAddress(3, IPAddress.Parse("2001:db8::5"), 64) { Flags = AddressFlags.NoDad | AddressFlags.NoPrefixRoute };

        var (message, attributes) = Decode(RtnlMessages.NewAddress(request), Rtnl.IfAddrMsgLength);

        Assert.Equal(RtnlMessages.AF_INET6, message.Payload.Span[0]);
        Assert.Equal((byte)AddressFlags.NoDad, message.Payload.Span[2]);
        Assert.Equal((uint)(AddressFlags.NoDad | AddressFlags.NoPrefixRoute), attributes[Rtnl.IFA_FLAGS].AsUInt32());
        Assert.Equal(16, attributes[Rtnl.IFA_ADDRESS].Value.Length);
    }

    [Fact]
    public void Label_on_ipv6_or_too_long_is_refused()
    {
        Assert.Throws<ArgumentException>(() => RtnlMessages.NewAddress(new InterfaceAddress(1, IPAddress.Parse("2001:db8::1"), 64) { Label = "eth0:x" }));
        Assert.Throws<ArgumentException>(() => RtnlMessages.NewAddress(new InterfaceAddress(1, IPAddress.Parse("10.0.0.1"), 8) { Label = "a-very-long-label" }));
    }

    [Fact]
    public void Delete_address_names_the_address_and_interface()
    {
        var (message, attributes) = Decode(RtnlMessages.DeleteAddress(new InterfaceAddress(9, IPAddress.Parse("10.0.0.9"), 32)), Rtnl.IfAddrMsgLength);
        Assert.Equal(Rtnl.RTM_DELADDR, message.Type);
        Assert.Equal(9, BinaryPrimitives.ReadInt32LittleEndian(message.Payload.Span[4..]));
        Assert.Equal(new byte[] { 10, 0, 0, 9 }, attributes[Rtnl.IFA_LOCAL].Value.ToArray());
    }

    [Fact]
    public void Route_in_a_large_table_uses_RTA_TABLE_and_carries_gateway_dev_src_metric()
    {
        var route = new RouteSpec(IPAddress.Parse("10.9.0.0"), 24)
        {
            Gateway = IPAddress.Parse("10.1.0.254"),
            OutputInterfaceIndex = 4,
            PreferredSource = IPAddress.Parse("10.1.0.1"),
            Metric = 50,
            Table = 1000,
        };

        var (message, attributes) = Decode(RtnlMessages.NewRoute(route), Rtnl.RtMsgLength);

        var rtmsg = message.Payload.Span;
        Assert.Equal(RtnlMessages.AF_INET, rtmsg[0]);
        Assert.Equal(24, rtmsg[1]);
        Assert.Equal(Rtnl.RT_TABLE_UNSPEC, rtmsg[4]);
        Assert.Equal((byte)AddressScope.Universe, rtmsg[6]);
        Assert.Equal((byte)RouteType.Unicast, rtmsg[7]);
        Assert.Equal(1000u, attributes[Rtnl.RTA_TABLE].AsUInt32());
        Assert.Equal(new byte[] { 10, 9, 0, 0 }, attributes[Rtnl.RTA_DST].Value.ToArray());
        Assert.Equal(new byte[] { 10, 1, 0, 254 }, attributes[Rtnl.RTA_GATEWAY].Value.ToArray());
        Assert.Equal(4u, attributes[Rtnl.RTA_OIF].AsUInt32());
        Assert.Equal(new byte[] { 10, 1, 0, 1 }, attributes[Rtnl.RTA_PREFSRC].Value.ToArray());
        Assert.Equal(50u, attributes[Rtnl.RTA_PRIORITY].AsUInt32());
    }

    [Fact]
    public void Device_route_without_gateway_defaults_to_link_scope_and_main_table_in_header()
    {
        var (message, attributes) = Decode(RtnlMessages.NewRoute(new RouteSpec(IPAddress.Parse("192.0.2.0"), 24) { OutputInterfaceIndex = 2 }), Rtnl.RtMsgLength);
        Assert.Equal((byte)AddressScope.Link, message.Payload.Span[6]);
        Assert.Equal(254, message.Payload.Span[4]);
        Assert.False(attributes.ContainsKey(Rtnl.RTA_TABLE));
    }

    [Fact]
    public void Blackhole_and_default_routes()
    {
        var (blackhole, _) = Decode(RtnlMessages.NewRoute(new RouteSpec(IPAddress.Parse("10.66.0.0"), 16) { Type = RouteType.Blackhole }), Rtnl.RtMsgLength);
        Assert.Equal((byte)RouteType.Blackhole, blackhole.Payload.Span[7]);
        Assert.Equal((byte)AddressScope.Universe, blackhole.Payload.Span[6]);

        var (defaultRoute, attributes) = Decode(RtnlMessages.NewRoute(new RouteSpec(IPAddress.IPv6Any, 0) { Gateway = IPAddress.Parse("fe80::1"), OutputInterfaceIndex = 2 }), Rtnl.RtMsgLength);
        Assert.Equal(RtnlMessages.AF_INET6, defaultRoute.Payload.Span[0]);
        Assert.False(attributes.ContainsKey(Rtnl.RTA_DST));
    }

    [Fact]
    public void Delete_route_matches_any_scope_and_protocol_unless_given()
    {
        var (message, _) = Decode(RtnlMessages.DeleteRoute(new RouteSpec(IPAddress.Parse("10.9.0.0"), 24)), Rtnl.RtMsgLength);
        Assert.Equal(Rtnl.RTM_DELROUTE, message.Type);
        Assert.Equal(0, message.Payload.Span[5]);
        Assert.Equal((byte)AddressScope.Nowhere, message.Payload.Span[6]);
    }

    [Fact]
    public void Mixed_families_are_refused()
    {
        Assert.Throws<ArgumentException>(() => RtnlMessages.NewRoute(new RouteSpec(IPAddress.Parse("10.0.0.0"), 8) { Gateway = IPAddress.Parse("2001:db8::1") }));
    }

    [Fact]
    public void Macvlan_request_has_name_parent_mac_kind_and_mode()
    {
        var spec = new MacvlanSpec("vrrp.51", 3, VirtualRouterMac.For(51));

        var (message, attributes) = Decode(RtnlMessages.NewMacvlan(spec), Rtnl.IfInfoMsgLength);

        Assert.Equal(Rtnl.RTM_NEWLINK, message.Type);
        Assert.Equal(Nl.NLM_F_REQUEST | Nl.NLM_F_ACK | Nl.NLM_F_CREATE | Nl.NLM_F_EXCL, message.Flags);
        Assert.Equal("vrrp.51", attributes[Rtnl.IFLA_IFNAME].AsString());
        Assert.Equal(3u, attributes[Rtnl.IFLA_LINK].AsUInt32());
        Assert.Equal(new byte[] { 0, 0, 0x5e, 0, 1, 51 }, attributes[Rtnl.IFLA_ADDRESS].Value.ToArray());
        var info = NetlinkMessageReader.ReadAttributes(attributes[Rtnl.IFLA_LINKINFO].Value).ToDictionary(a => a.Type);
        Assert.Equal("macvlan", info[Rtnl.IFLA_INFO_KIND].AsString());
        var data = Assert.Single(NetlinkMessageReader.ReadAttributes(info[Rtnl.IFLA_INFO_DATA].Value));
        Assert.Equal(Rtnl.IFLA_MACVLAN_MODE, data.Type);
        Assert.Equal((uint)MacvlanMode.Private, data.AsUInt32());
    }

    [Fact]
    public void Vmac_for_ipv6_uses_02()
    {
        Assert.Equal("00005E000233", VirtualRouterMac.For(0x33, ipv6: true).ToString());
    }

    [Fact]
    public void Set_link_up_changes_only_IFF_UP()
    {
        var message = Assert.Single(NetlinkMessageReader.ReadMessages(RtnlMessages.SetLinkUp(5, up: false)));
        var span = message.Payload.Span;
        Assert.Equal(5, BinaryPrimitives.ReadInt32LittleEndian(span[4..]));
        Assert.Equal(0u, BinaryPrimitives.ReadUInt32LittleEndian(span[8..]));
        Assert.Equal(Rtnl.IFF_UP, BinaryPrimitives.ReadUInt32LittleEndian(span[12..]));
    }
}
