using System.Buffers.Binary;
using System.Net;
using System.Net.NetworkInformation;

namespace Director.Native.Netlink;

/// <summary>Pure decoders of rtnetlink link and address messages.</summary>
public static class RtnlDecoder
{
    public static LinkInfo DecodeLink(NetlinkMessage message)
    {
        var span = message.Payload.Span;
        if (span.Length < Rtnl.IfInfoMsgLength) throw new InvalidDataException("truncated ifinfomsg");
        var index = BinaryPrimitives.ReadInt32LittleEndian(span[4..]);
        var flags = BinaryPrimitives.ReadUInt32LittleEndian(span[8..]);
        string name = "";
        PhysicalAddress? mac = null;
        uint mtu = 0;
        string? kind = null;
        int? parent = null;
        byte operState = 0;
        foreach (var attribute in NetlinkMessageReader.ReadAttributes(message.Payload[Rtnl.IfInfoMsgLength..]))
        {
            switch (attribute.Type)
            {
                case Rtnl.IFLA_IFNAME: name = attribute.AsString(); break;
                case Rtnl.IFLA_ADDRESS: mac = new PhysicalAddress(attribute.Value.ToArray()); break;
                case Rtnl.IFLA_MTU: mtu = attribute.AsUInt32(); break;
                case Rtnl.IFLA_LINK: parent = (int)attribute.AsUInt32(); break;
                case Rtnl.IFLA_OPERSTATE: operState = attribute.AsByte(); break;
                case Rtnl.IFLA_LINKINFO:
                    foreach (var info in NetlinkMessageReader.ReadAttributes(attribute.Value))
                        if (info.Type == Rtnl.IFLA_INFO_KIND) kind = info.AsString();
                    break;
            }
        }
        return new LinkInfo(index, name, flags, mac, mtu, kind, parent, operState);
    }

    public static InterfaceAddress DecodeAddress(NetlinkMessage message)
    {
        var span = message.Payload.Span;
        if (span.Length < Rtnl.IfAddrMsgLength) throw new InvalidDataException("truncated ifaddrmsg");
        var prefixLength = span[1];
        var flags = (uint)span[2];
        var scope = (AddressScope)span[3];
        var index = BinaryPrimitives.ReadInt32LittleEndian(span[4..]);
        IPAddress? local = null, address = null, broadcast = null;
        string? label = null;
        foreach (var attribute in NetlinkMessageReader.ReadAttributes(message.Payload[Rtnl.IfAddrMsgLength..]))
        {
            switch (attribute.Type)
            {
                case Rtnl.IFA_LOCAL: local = new IPAddress(attribute.Value.Span); break;
                case Rtnl.IFA_ADDRESS: address = new IPAddress(attribute.Value.Span); break;
                case Rtnl.IFA_BROADCAST: broadcast = new IPAddress(attribute.Value.Span); break;
                case Rtnl.IFA_LABEL: label = attribute.AsString(); break;
                case Rtnl.IFA_FLAGS: flags = attribute.AsUInt32(); break;
            }
        }
        var own = local ?? address ?? throw new InvalidDataException("address message without IFA_LOCAL or IFA_ADDRESS");
        return new InterfaceAddress(index, own, prefixLength)
        {
            Scope = scope,
            Flags = (AddressFlags)flags,
            Label = label,
            Broadcast = broadcast,
        };
    }

    /// <summary>A route as the kernel lists it (RTM_NEWROUTE), in the shape used to add or delete it.</summary>
    public static RouteSpec DecodeRoute(NetlinkMessage message)
    {
        var span = message.Payload.Span;
        if (span.Length < Rtnl.RtMsgLength) throw new InvalidDataException("truncated rtmsg");
        var family = span[0];
        uint table = span[4];
        IPAddress? destination = null, gateway = null, source = null;
        int? outputInterface = null;
        uint? metric = null;
        foreach (var attribute in NetlinkMessageReader.ReadAttributes(message.Payload[Rtnl.RtMsgLength..]))
        {
            switch (attribute.Type)
            {
                case Rtnl.RTA_DST: destination = new IPAddress(attribute.Value.Span); break;
                case Rtnl.RTA_GATEWAY: gateway = new IPAddress(attribute.Value.Span); break;
                case Rtnl.RTA_PREFSRC: source = new IPAddress(attribute.Value.Span); break;
                case Rtnl.RTA_OIF: outputInterface = (int)attribute.AsUInt32(); break;
                case Rtnl.RTA_PRIORITY: metric = attribute.AsUInt32(); break;
                case Rtnl.RTA_TABLE: table = attribute.AsUInt32(); break;
            }
        }
        destination ??= family == RtnlMessages.AF_INET6 ? IPAddress.IPv6Any : IPAddress.Any;
        return new RouteSpec(destination, span[1])
        {
            Gateway = gateway,
            OutputInterfaceIndex = outputInterface,
            PreferredSource = source,
            Metric = metric,
            Table = table,
            Scope = (AddressScope)span[6],
            Type = (RouteType)span[7],
            Protocol = span[5],
        };
    }

    /// <summary>The event a multicast message announces, or null for types not subscribed to.</summary>
    public static NetlinkEvent? DecodeEvent(NetlinkMessage message) => message.Type switch
    {
        Rtnl.RTM_NEWLINK => new LinkChanged(DecodeLink(message), Removed: false),
        Rtnl.RTM_DELLINK => new LinkChanged(DecodeLink(message), Removed: true),
        Rtnl.RTM_NEWADDR => new AddressChanged(DecodeAddress(message), Removed: false),
        Rtnl.RTM_DELADDR => new AddressChanged(DecodeAddress(message), Removed: true),
        _ => null,
    };
}
