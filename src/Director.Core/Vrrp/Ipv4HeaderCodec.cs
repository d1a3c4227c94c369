using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Director.Core.Vrrp;

/// <summary>Reads and writes IPv4 headers (options are skipped on read and never written).</summary>
public static class Ipv4HeaderCodec
{
    /// <summary>Writes the 20-byte header with its checksum computed; returns the bytes written.</summary>
    public static int Write(Ipv4Header header, Span<byte> destination)
    {
        if (header.Source.AddressFamily != AddressFamily.InterNetwork ||
            header.Destination.AddressFamily != AddressFamily.InterNetwork)
            throw new ArgumentException("IPv4 header needs IPv4 addresses");
        var h = destination[..Ipv4Header.MinimumLength];
        h[0] = 0x45;
        h[1] = header.Tos;
        BinaryPrimitives.WriteUInt16BigEndian(h[2..], header.TotalLength);
        BinaryPrimitives.WriteUInt16BigEndian(h[4..], header.Identification);
        var flagsAndOffset = (ushort)((header.DontFragment ? 0x4000 : 0) | (header.MoreFragments ? 0x2000 : 0) |
                                      (header.FragmentOffset & 0x1FFF));
        BinaryPrimitives.WriteUInt16BigEndian(h[6..], flagsAndOffset);
        h[8] = header.Ttl;
        h[9] = header.Protocol;
        h[10] = h[11] = 0;
        header.Source.TryWriteBytes(h[12..16], out _);
        header.Destination.TryWriteBytes(h[16..20], out _);
        BinaryPrimitives.WriteUInt16BigEndian(h[10..], InternetChecksum.Compute(h));
        return Ipv4Header.MinimumLength;
    }

    /// <summary>Parses the header at the start of a datagram; false when it is not a whole IPv4 header.</summary>
    public static bool TryRead(ReadOnlySpan<byte> datagram, out Ipv4Header header)
    {
        header = null!;
        if (datagram.Length < Ipv4Header.MinimumLength || datagram[0] >> 4 != 4)
            return false;
        var headerLength = (datagram[0] & 0x0F) * 4;
        if (headerLength < Ipv4Header.MinimumLength || datagram.Length < headerLength)
            return false;
        var flagsAndOffset = BinaryPrimitives.ReadUInt16BigEndian(datagram[6..]);
        header = new Ipv4Header(
            Tos: datagram[1],
            TotalLength: BinaryPrimitives.ReadUInt16BigEndian(datagram[2..]),
            Identification: BinaryPrimitives.ReadUInt16BigEndian(datagram[4..]),
            DontFragment: (flagsAndOffset & 0x4000) != 0,
            MoreFragments: (flagsAndOffset & 0x2000) != 0,
            FragmentOffset: (ushort)(flagsAndOffset & 0x1FFF),
            Ttl: datagram[8],
            Protocol: datagram[9],
            HeaderChecksum: BinaryPrimitives.ReadUInt16BigEndian(datagram[10..]),
            Source: new IPAddress(datagram[12..16]),
            Destination: new IPAddress(datagram[16..20]),
            HeaderLength: headerLength);
        return true;
    }

    /// <summary>Whether the header checksum of the first <c>HeaderLength</c> bytes verifies.</summary>
    public static bool ChecksumValid(ReadOnlySpan<byte> datagram, int headerLength) =>
        InternetChecksum.Finish(InternetChecksum.Accumulate(datagram[..headerLength])) == 0;
}
