using System.Buffers.Binary;
using System.Net;

namespace Director.Integration.Tests.Vrrp;

/// <summary>An Ethernet frame carrying IPv6 without extension headers, split into its parts.</summary>
public sealed record Ipv6Frame(byte[] Frame)
{
    public const int EthernetLength = 14;
    public const int HeaderLength = 40;

    public ReadOnlySpan<byte> Ethernet => Frame.AsSpan(0, EthernetLength);
    public ReadOnlySpan<byte> Header => Frame.AsSpan(EthernetLength, HeaderLength);
    public byte[] Payload => Frame.AsSpan(EthernetLength + HeaderLength, PayloadLength).ToArray();

    public int TrafficClass => (int)((BinaryPrimitives.ReadUInt32BigEndian(Header) >> 20) & 0xff);
    public int FlowLabel => (int)(BinaryPrimitives.ReadUInt32BigEndian(Header) & 0xfffff);
    public int PayloadLength => BinaryPrimitives.ReadUInt16BigEndian(Header[4..]);
    public byte NextHeader => Header[6];
    public byte HopLimit => Header[7];
    public IPAddress Source => new(Header[8..24]);
    public IPAddress Destination => new(Header[24..40]);

    /// <summary>The frame as IPv6, or null when it is not (wrong EtherType or version, or cut short).</summary>
    public static Ipv6Frame? TryParse(byte[] frame)
    {
        if (frame.Length < EthernetLength + HeaderLength || BinaryPrimitives.ReadUInt16BigEndian(frame.AsSpan(12)) != 0x86dd) return null;
        if (frame[EthernetLength] >> 4 != 6) return null;
        var parsed = new Ipv6Frame(frame);
        return EthernetLength + HeaderLength + parsed.PayloadLength <= frame.Length ? parsed : null;
    }
}
