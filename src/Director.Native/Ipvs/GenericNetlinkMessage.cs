using System.Buffers.Binary;

namespace Director.Native.Ipvs;

/// <summary>A received netlink message split into header fields, generic netlink command and attributes.</summary>
public sealed record GenericNetlinkMessage(
    ushort Type,
    ushort Flags,
    uint Sequence,
    uint PortId,
    byte Command,
    byte Version,
    IReadOnlyList<GenericNetlinkAttribute> Attributes)
{
    public const int HeaderLength = 16;
    public const int GenericHeaderLength = 4;

    /// <summary>Splits a buffer holding one or more netlink messages (as recv returns them).</summary>
    public static IReadOnlyList<ReadOnlyMemory<byte>> Split(ReadOnlyMemory<byte> buffer)
    {
        var messages = new List<ReadOnlyMemory<byte>>();
        var offset = 0;
        while (offset + HeaderLength <= buffer.Length)
        {
            var length = (int)BinaryPrimitives.ReadUInt32LittleEndian(buffer.Span[offset..]);
            if (length < HeaderLength || offset + length > buffer.Length)
                throw new FormatException($"netlink message at {offset} has length {length}, {buffer.Length - offset} bytes left");
            messages.Add(buffer.Slice(offset, length));
            offset += (length + 3) & ~3;
        }

        return messages;
    }

    /// <summary>Parses one generic netlink message (nlmsghdr + genlmsghdr + attributes).</summary>
    public static GenericNetlinkMessage Parse(ReadOnlyMemory<byte> message)
    {
        var span = message.Span;
        if (span.Length < HeaderLength + GenericHeaderLength)
            throw new FormatException($"generic netlink message of {span.Length} bytes is shorter than its headers");
        var length = (int)BinaryPrimitives.ReadUInt32LittleEndian(span);
        if (length > span.Length || length < HeaderLength + GenericHeaderLength)
            throw new FormatException($"generic netlink message length {length} does not fit {span.Length} bytes");
        return new GenericNetlinkMessage(
            BinaryPrimitives.ReadUInt16LittleEndian(span[4..]),
            BinaryPrimitives.ReadUInt16LittleEndian(span[6..]),
            BinaryPrimitives.ReadUInt32LittleEndian(span[8..]),
            BinaryPrimitives.ReadUInt32LittleEndian(span[12..]),
            span[16],
            span[17],
            GenericNetlinkAttribute.ReadAll(message[(HeaderLength + GenericHeaderLength)..length]));
    }

    public GenericNetlinkAttribute? Find(ushort type) => Find(Attributes, type);

    public static GenericNetlinkAttribute? Find(IReadOnlyList<GenericNetlinkAttribute> attributes, ushort type)
    {
        foreach (var a in attributes)
        {
            if (a.Type == type) return a;
        }

        return null;
    }
}
