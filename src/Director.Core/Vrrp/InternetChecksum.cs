using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Director.Core.Vrrp;

/// <summary>The RFC 1071 ones'-complement checksum, with the IPv4 and IPv6 pseudo-headers VRRPv3 uses.</summary>
public static class InternetChecksum
{
    /// <summary>Adds 16-bit big-endian words of <paramref name="data"/> to a running sum (odd tail zero padded).</summary>
    public static uint Accumulate(ReadOnlySpan<byte> data, uint sum = 0)
    {
        var i = 0;
        for (; i + 1 < data.Length; i += 2)
            sum += BinaryPrimitives.ReadUInt16BigEndian(data[i..]);
        if (i < data.Length)
            sum += (uint)(data[i] << 8);
        return sum;
    }

    /// <summary>Folds the carries and complements: the value to put on the wire.</summary>
    public static ushort Finish(uint sum)
    {
        while (sum >> 16 != 0)
            sum = (sum & 0xFFFF) + (sum >> 16);
        return (ushort)~sum;
    }

    public static ushort Compute(ReadOnlySpan<byte> data) => Finish(Accumulate(data));

    /// <summary>
    /// The sum of the pseudo-header: IPv4 (source, destination, zero, protocol, 16-bit length) or
    /// IPv6 (source, destination, 32-bit length, three zero bytes, next header).
    /// </summary>
    public static uint PseudoHeader(IPAddress source, IPAddress destination, byte protocol, int length)
    {
        if (source.AddressFamily != destination.AddressFamily)
            throw new ArgumentException("source and destination must be of one address family");
        Span<byte> buffer = stackalloc byte[40];
        if (source.AddressFamily == AddressFamily.InterNetwork)
        {
            source.TryWriteBytes(buffer[..4], out _);
            destination.TryWriteBytes(buffer[4..8], out _);
            buffer[8] = 0;
            buffer[9] = protocol;
            BinaryPrimitives.WriteUInt16BigEndian(buffer[10..12], checked((ushort)length));
            return Accumulate(buffer[..12]);
        }
        source.TryWriteBytes(buffer[..16], out _);
        destination.TryWriteBytes(buffer[16..32], out _);
        BinaryPrimitives.WriteUInt32BigEndian(buffer[32..36], checked((uint)length));
        buffer[36] = buffer[37] = buffer[38] = 0;
        buffer[39] = protocol;
        return Accumulate(buffer);
    }
}
