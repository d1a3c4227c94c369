using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Numerics;
using N = Director.Native.Ipvs.IpvsNumbers;
using Director.Native.Netlink;

namespace Director.Native.Ipvs;

/// <summary>
/// Decodes GET_SERVICE / GET_DEST dump replies (and, symmetrically, requests, which the tests use).
/// Unknown attributes are skipped; missing optional ones take IPVS's defaults.
/// </summary>
public static class IpvsMessageDecoder
{
    /// <summary>The service nest of one GET_SERVICE reply, with its statistics.</summary>
    public static IpvsServiceEntry DecodeService(ReadOnlyMemory<byte> message)
    {
        var parsed = GenericNetlinkMessage.Parse(message);
        var nest = parsed.Find(N.CmdAttrService) ?? throw new FormatException("IPVS reply carries no service attribute");
        return DecodeServiceNest(nest.Nested());
    }

    /// <summary>
    /// The destination nest of one GET_DEST reply, with connection counts and statistics.
    /// <paramref name="serviceFamily"/> is the address family assumed when the kernel (before 4.3) sends none.
    /// </summary>
    public static IpvsDestinationEntry DecodeDestination(ReadOnlyMemory<byte> message, AddressFamily serviceFamily = AddressFamily.InterNetwork)
    {
        var parsed = GenericNetlinkMessage.Parse(message);
        var nest = parsed.Find(N.CmdAttrDest) ?? throw new FormatException("IPVS reply carries no destination attribute");
        return DecodeDestinationNest(nest.Nested(), serviceFamily);
    }

    public static IpvsServiceEntry DecodeServiceNest(IReadOnlyList<NetlinkAttribute> attributes)
    {
        var family = FamilyOf(Required(attributes, N.SvcAttrAf, "service address family").AsUInt16());
        var fwmark = Find(attributes, N.SvcAttrFwmark)?.AsUInt32() ?? 0;
        var key = fwmark != 0
            ? IpvsServiceKey.ForFwmark(fwmark, family)
            : new IpvsServiceKey
            {
                Family = family,
                Protocol = Required(attributes, N.SvcAttrProtocol, "service protocol").AsUInt16(),
                Address = AddressOf(family, Required(attributes, N.SvcAttrAddr, "service address")),
                Port = Required(attributes, N.SvcAttrPort, "service port").AsUInt16BigEndian(),
            };
        var flags = Find(attributes, N.SvcAttrFlags) is { } f && f.Value.Length >= 4 ? f.AsUInt32() : 0;
        var service = new IpvsService
        {
            Key = key,
            Scheduler = Find(attributes, N.SvcAttrSchedName)?.AsString() ?? "",
            PersistenceEngine = Find(attributes, N.SvcAttrPeName)?.AsString() is { Length: > 0 } pe ? pe : null,
            Flags = (IpvsServiceFlags)flags,
            TimeoutSeconds = Find(attributes, N.SvcAttrTimeout)?.AsUInt32() ?? 0,
            NetmaskPrefix = Find(attributes, N.SvcAttrNetmask) is { } m ? DecodeNetmask(family, m.AsUInt32()) : null,
        };
        return new IpvsServiceEntry(service, Stats(attributes, N.SvcAttrStats64, N.SvcAttrStats));
    }

    public static IpvsDestinationEntry DecodeDestinationNest(
        IReadOnlyList<NetlinkAttribute> attributes, AddressFamily serviceFamily = AddressFamily.InterNetwork)
    {
        // Kernels before 4.3 send no per-destination family: destinations then share the service's.
        var addressAttribute = Required(attributes, N.DestAttrAddr, "destination address");
        var family = Find(attributes, N.DestAttrAddrFamily) is { } af ? FamilyOf(af.AsUInt16()) : serviceFamily;
        var destination = new IpvsDestination
        {
            Address = AddressOf(family, addressAttribute),
            Port = Required(attributes, N.DestAttrPort, "destination port").AsUInt16BigEndian(),
            Forwarding = (IpvsForwarding)((Find(attributes, N.DestAttrFwdMethod)?.AsUInt32() ?? 0) & 0x7),
            Weight = unchecked((int)(Find(attributes, N.DestAttrWeight)?.AsUInt32() ?? 0)),
            UpperThreshold = Find(attributes, N.DestAttrUThresh)?.AsUInt32() ?? 0,
            LowerThreshold = Find(attributes, N.DestAttrLThresh)?.AsUInt32() ?? 0,
            TunnelType = (IpvsTunnelType)(Find(attributes, N.DestAttrTunType)?.AsByte() ?? 0),
            TunnelPort = Find(attributes, N.DestAttrTunPort)?.AsUInt16BigEndian() ?? 0,
            TunnelFlags = (IpvsTunnelFlags)(Find(attributes, N.DestAttrTunFlags)?.AsUInt16() ?? 0),
        };
        return new IpvsDestinationEntry(
            destination,
            Find(attributes, N.DestAttrActiveConns)?.AsUInt32() ?? 0,
            Find(attributes, N.DestAttrInactConns)?.AsUInt32() ?? 0,
            Find(attributes, N.DestAttrPersistConns)?.AsUInt32() ?? 0,
            Stats(attributes, N.DestAttrStats64, N.DestAttrStats));
    }

    /// <summary>Inverse of the encoder's netmask: an IPv4 mask (network order) or an IPv6 prefix length.</summary>
    internal static int DecodeNetmask(AddressFamily family, uint raw)
    {
        if (family == AddressFamily.InterNetworkV6) return (int)raw;
        var mask = BinaryPrimitives.ReverseEndianness(raw);
        return BitOperations.LeadingZeroCount(~mask);
    }

    private static IpvsStats Stats(IReadOnlyList<NetlinkAttribute> attributes, ushort stats64, ushort stats32)
    {
        var nest = Find(attributes, stats64) ?? Find(attributes, stats32);
        if (nest is null) return IpvsStats.Zero;
        var s = nest.Value.Nested();
        ulong Get(ushort type) => Find(s, type)?.AsUnsignedNumber() ?? 0;
        return new IpvsStats(
            Get(N.StatsConns), Get(N.StatsInPkts), Get(N.StatsOutPkts), Get(N.StatsInBytes), Get(N.StatsOutBytes),
            Get(N.StatsCps), Get(N.StatsInPps), Get(N.StatsOutPps), Get(N.StatsInBps), Get(N.StatsOutBps));
    }

    private static AddressFamily FamilyOf(ushort af) => af switch
    {
        N.AfInet => AddressFamily.InterNetwork,
        N.AfInet6 => AddressFamily.InterNetworkV6,
        _ => throw new FormatException($"IPVS address family {af} is neither AF_INET nor AF_INET6"),
    };

    private static IPAddress AddressOf(AddressFamily family, NetlinkAttribute attribute)
    {
        var length = family == AddressFamily.InterNetwork ? 4 : 16;
        if (attribute.Value.Length < length)
            throw new FormatException($"IPVS address of {attribute.Value.Length} bytes is too short for {family}");
        return new IPAddress(attribute.Value.Span[..length]);
    }

    private static NetlinkAttribute? Find(IReadOnlyList<NetlinkAttribute> attributes, ushort type) =>
        GenericNetlinkMessage.Find(attributes, type);

    private static NetlinkAttribute Required(IReadOnlyList<NetlinkAttribute> attributes, ushort type, string what) =>
        Find(attributes, type) ?? throw new FormatException($"IPVS message lacks the {what}");
}
