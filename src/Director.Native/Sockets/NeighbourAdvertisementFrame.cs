using System.Buffers.Binary;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Director.Core.Vrrp;

namespace Director.Native.Sockets;

/// <summary>Pure builder/parser of Ethernet frames carrying an ICMPv6 neighbour advertisement.</summary>
public static class NeighbourAdvertisementFrame
{
    public const ushort EtherTypeIpv6 = 0x86dd;
    public const byte Icmpv6NextHeader = 58;
    public const byte TypeNeighbourAdvertisement = 136;
    public const uint FlagRouter = 0x80000000;
    public const uint FlagSolicited = 0x40000000;
    public const uint FlagOverride = 0x20000000;
    private const int IcmpLength = 24 + 8; // NA + target link-layer address option
    public const int Length = 14 + 40 + IcmpLength;
    public static readonly IPAddress AllNodes = IPAddress.Parse("ff02::1");

    /// <summary>
    /// Unsolicited NA to ff02::1 (33:33:00:00:00:01), hop limit 255, override flag (and router flag
    /// when <paramref name="router"/>), target = <paramref name="target"/>, target link-layer option
    /// = <paramref name="senderMac"/>. <paramref name="source"/> is the sending interface's address
    /// (normally its link-local one).
    /// </summary>
    public static byte[] BuildUnsolicited(PhysicalAddress senderMac, IPAddress source, IPAddress target, bool router = false)
    {
        var mac = senderMac.GetAddressBytes();
        if (mac.Length != 6) throw new ArgumentException("an Ethernet MAC has 6 bytes", nameof(senderMac));
        if (source.AddressFamily != AddressFamily.InterNetworkV6) throw new ArgumentException($"{source} is not IPv6", nameof(source));
        if (target.AddressFamily != AddressFamily.InterNetworkV6) throw new ArgumentException($"{target} is not IPv6", nameof(target));
        var frame = new byte[Length];
        var span = frame.AsSpan();
        byte[] allNodesMac = [0x33, 0x33, 0, 0, 0, 1];
        allNodesMac.CopyTo(span);
        mac.CopyTo(span[6..12]);
        BinaryPrimitives.WriteUInt16BigEndian(span[12..], EtherTypeIpv6);

        var ip = span[14..54];
        ip[0] = 0x60;
        BinaryPrimitives.WriteUInt16BigEndian(ip[4..], IcmpLength);
        ip[6] = Icmpv6NextHeader;
        ip[7] = 255;
        source.TryWriteBytes(ip[8..24], out _);
        AllNodes.TryWriteBytes(ip[24..40], out _);

        var icmp = span[54..];
        icmp[0] = TypeNeighbourAdvertisement;
        BinaryPrimitives.WriteUInt32BigEndian(icmp[4..], FlagOverride | (router ? FlagRouter : 0));
        target.TryWriteBytes(icmp[8..24], out _);
        icmp[24] = 2; // option: target link-layer address
        icmp[25] = 1; // length in units of 8 bytes
        mac.CopyTo(icmp[26..32]);

        BinaryPrimitives.WriteUInt16BigEndian(icmp[2..], Icmpv6Checksum(ip[8..40], IcmpLength, icmp));
        return frame;
    }

    /// <summary>The NA in <paramref name="frame"/>, or null when it is not an Ethernet/IPv6/ICMPv6 NA without extension headers.</summary>
    public static NeighbourAdvertisement? TryParse(ReadOnlySpan<byte> frame)
    {
        if (frame.Length < 14 + 40 + 24 || BinaryPrimitives.ReadUInt16BigEndian(frame[12..]) != EtherTypeIpv6) return null;
        var ip = frame[14..];
        if (ip[0] >> 4 != 6 || ip[6] != Icmpv6NextHeader) return null;
        var icmpLength = BinaryPrimitives.ReadUInt16BigEndian(ip[4..]);
        var icmp = frame[54..];
        if (icmp[0] != TypeNeighbourAdvertisement || icmpLength < 24 || icmp.Length < icmpLength) return null;
        PhysicalAddress? targetMac = null;
        var options = icmp[24..icmpLength];
        while (options.Length >= 8 && options[1] != 0)
        {
            var optionLength = options[1] * 8;
            if (optionLength > options.Length) break;
            if (options[0] == 2) targetMac = new PhysicalAddress(options[2..8].ToArray());
            options = options[optionLength..];
        }
        return new NeighbourAdvertisement(
            new PhysicalAddress(frame[6..12].ToArray()),
            new IPAddress(ip[8..24]),
            new IPAddress(ip[24..40]),
            ip[7],
            BinaryPrimitives.ReadUInt32BigEndian(icmp[4..]),
            new IPAddress(icmp[8..24]),
            targetMac,
            ChecksumValid: Icmpv6Checksum(ip[8..40], icmpLength, icmp[..icmpLength]) == 0);
    }

    /// <summary>ICMPv6 checksum over the IPv6 pseudo-header (<paramref name="addresses"/>: source then destination) and the message.</summary>
    private static ushort Icmpv6Checksum(ReadOnlySpan<byte> addresses, int length, ReadOnlySpan<byte> icmp) =>
        InternetChecksum.Finish(InternetChecksum.Accumulate(icmp,
            InternetChecksum.PseudoHeader(new IPAddress(addresses[..16]), new IPAddress(addresses[16..32]), Icmpv6NextHeader, length)));
}

public sealed record NeighbourAdvertisement(
    PhysicalAddress EthernetSource,
    IPAddress Source,
    IPAddress Destination,
    byte HopLimit,
    uint Flags,
    IPAddress Target,
    PhysicalAddress? TargetMac,
    bool ChecksumValid)
{
    public bool Override => (Flags & NeighbourAdvertisementFrame.FlagOverride) != 0;
    public bool Router => (Flags & NeighbourAdvertisementFrame.FlagRouter) != 0;
    public bool Solicited => (Flags & NeighbourAdvertisementFrame.FlagSolicited) != 0;
}
