using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Director.Native.Sockets;

/// <summary>The fields of an IPv4 header this layer writes and reads (no options written).</summary>
public sealed record Ipv4Header(IPAddress Source, IPAddress Destination, byte Protocol, byte Ttl, byte Tos, int TotalLength, int HeaderLength)
{
    public const int MinimumLength = 20;

    /// <summary>
    /// Writes a 20-byte header followed by <paramref name="payload"/>. Identification 0 and the
    /// header checksum are left for the kernel (IP_HDRINCL fills both); the checksum is also
    /// computed here so the packet is valid as built.
    /// </summary>
    public static byte[] BuildPacket(IPAddress source, IPAddress destination, byte protocol, byte ttl, byte tos, ReadOnlySpan<byte> payload)
    {
        RequireV4(source, nameof(source));
        RequireV4(destination, nameof(destination));
        var packet = new byte[MinimumLength + payload.Length];
        var span = packet.AsSpan();
        span[0] = 0x45;
        span[1] = tos;
        BinaryPrimitives.WriteUInt16BigEndian(span[2..], (ushort)packet.Length);
        span[8] = ttl;
        span[9] = protocol;
        source.TryWriteBytes(span[12..16], out _);
        destination.TryWriteBytes(span[16..20], out _);
        BinaryPrimitives.WriteUInt16BigEndian(span[10..], InternetChecksum.Compute(span[..MinimumLength]));
        payload.CopyTo(span[MinimumLength..]);
        return packet;
    }

    /// <summary>Parses the header at the start of <paramref name="packet"/>; null when it is not a plausible IPv4 header.</summary>
    public static Ipv4Header? TryParse(ReadOnlySpan<byte> packet)
    {
        if (packet.Length < MinimumLength || packet[0] >> 4 != 4) return null;
        var headerLength = (packet[0] & 0x0f) * 4;
        if (headerLength < MinimumLength || headerLength > packet.Length) return null;
        return new Ipv4Header(
            new IPAddress(packet[12..16]),
            new IPAddress(packet[16..20]),
            packet[9],
            packet[8],
            packet[1],
            BinaryPrimitives.ReadUInt16BigEndian(packet[2..]),
            headerLength);
    }

    private static void RequireV4(IPAddress address, string name)
    {
        if (address.AddressFamily != AddressFamily.InterNetwork) throw new ArgumentException($"{address} is not IPv4", name);
    }
}
