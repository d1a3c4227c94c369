using System.Buffers.Binary;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace Director.Native.Sockets;

/// <summary>Pure builder/parser of Ethernet ARP frames.</summary>
public static class ArpFrame
{
    public const ushort EtherTypeArp = 0x0806;
    public const int Length = 14 + 28;
    public const ushort OperationRequest = 1;
    public const ushort OperationReply = 2;

    /// <summary>
    /// Gratuitous ARP: Ethernet broadcast, ARP request, sender = target = <paramref name="address"/>,
    /// sender hardware = <paramref name="senderMac"/>, target hardware ff:ff:ff:ff:ff:ff.
    /// </summary>
    public static byte[] BuildGratuitous(PhysicalAddress senderMac, IPAddress address)
    {
        var mac = senderMac.GetAddressBytes();
        if (mac.Length != 6) throw new ArgumentException("an Ethernet MAC has 6 bytes", nameof(senderMac));
        if (address.AddressFamily != AddressFamily.InterNetwork) throw new ArgumentException($"{address} is not IPv4", nameof(address));
        var frame = new byte[Length];
        var span = frame.AsSpan();
        span[..6].Fill(0xff);
        mac.CopyTo(span[6..12]);
        BinaryPrimitives.WriteUInt16BigEndian(span[12..], EtherTypeArp);
        var arp = span[14..];
        BinaryPrimitives.WriteUInt16BigEndian(arp, 1);           // hardware: Ethernet
        BinaryPrimitives.WriteUInt16BigEndian(arp[2..], 0x0800); // protocol: IPv4
        arp[4] = 6;
        arp[5] = 4;
        BinaryPrimitives.WriteUInt16BigEndian(arp[6..], OperationRequest);
        mac.CopyTo(arp[8..14]);
        address.TryWriteBytes(arp[14..18], out _);
        arp[18..24].Fill(0xff);
        address.TryWriteBytes(arp[24..28], out _);
        return frame;
    }

    /// <summary>The fields of an ARP frame, or null when <paramref name="frame"/> is not Ethernet/IPv4 ARP.</summary>
    public static ArpPacket? TryParse(ReadOnlySpan<byte> frame)
    {
        if (frame.Length < Length || BinaryPrimitives.ReadUInt16BigEndian(frame[12..]) != EtherTypeArp) return null;
        var arp = frame[14..];
        if (BinaryPrimitives.ReadUInt16BigEndian(arp) != 1 || BinaryPrimitives.ReadUInt16BigEndian(arp[2..]) != 0x0800) return null;
        return new ArpPacket(
            new PhysicalAddress(frame[..6].ToArray()),
            new PhysicalAddress(frame[6..12].ToArray()),
            BinaryPrimitives.ReadUInt16BigEndian(arp[6..]),
            new PhysicalAddress(arp[8..14].ToArray()),
            new IPAddress(arp[14..18]),
            new PhysicalAddress(arp[18..24].ToArray()),
            new IPAddress(arp[24..28]));
    }
}

public sealed record ArpPacket(
    PhysicalAddress EthernetDestination,
    PhysicalAddress EthernetSource,
    ushort Operation,
    PhysicalAddress SenderMac,
    IPAddress SenderAddress,
    PhysicalAddress TargetMac,
    IPAddress TargetAddress);
