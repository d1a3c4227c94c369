using System.Buffers.Binary;
using System.Text;

namespace Director.Native.Ipvs;

/// <summary>One netlink attribute: its type (flags stripped), whether it was marked nested, and its payload.</summary>
public readonly record struct GenericNetlinkAttribute(ushort Type, bool NestedFlag, ReadOnlyMemory<byte> Payload)
{
    private const ushort TypeMask = 0x3fff;

    /// <summary>Splits <paramref name="data"/> into attributes; malformed tails raise <see cref="FormatException"/>.</summary>
    public static IReadOnlyList<GenericNetlinkAttribute> ReadAll(ReadOnlyMemory<byte> data)
    {
        var result = new List<GenericNetlinkAttribute>();
        var offset = 0;
        var span = data.Span;
        while (offset + 4 <= span.Length)
        {
            var length = BinaryPrimitives.ReadUInt16LittleEndian(span[offset..]);
            var rawType = BinaryPrimitives.ReadUInt16LittleEndian(span[(offset + 2)..]);
            if (length < 4 || offset + length > span.Length)
                throw new FormatException($"netlink attribute at {offset} has length {length}, {span.Length - offset} bytes left");
            result.Add(new GenericNetlinkAttribute((ushort)(rawType & TypeMask), (rawType & 0x8000) != 0, data.Slice(offset + 4, length - 4)));
            offset += (length + 3) & ~3;
        }

        return result;
    }

    public byte U8() => Payload.Span[0];

    public ushort U16() => BinaryPrimitives.ReadUInt16LittleEndian(Payload.Span);

    public ushort U16BigEndian() => BinaryPrimitives.ReadUInt16BigEndian(Payload.Span);

    public uint U32() => BinaryPrimitives.ReadUInt32LittleEndian(Payload.Span);

    /// <summary>A 32- or 64-bit counter (IPVS uses both widths for statistics).</summary>
    public ulong UnsignedNumber() => Payload.Length switch
    {
        >= 8 => BinaryPrimitives.ReadUInt64LittleEndian(Payload.Span),
        >= 4 => BinaryPrimitives.ReadUInt32LittleEndian(Payload.Span),
        >= 2 => BinaryPrimitives.ReadUInt16LittleEndian(Payload.Span),
        1 => Payload.Span[0],
        _ => 0,
    };

    public string String()
    {
        var span = Payload.Span;
        var end = span.IndexOf((byte)0);
        return Encoding.ASCII.GetString(end < 0 ? span : span[..end]);
    }

    public IReadOnlyList<GenericNetlinkAttribute> Nested() => ReadAll(Payload);
}
