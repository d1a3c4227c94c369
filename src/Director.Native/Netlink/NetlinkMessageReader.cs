using System.Buffers.Binary;
using System.Text;

namespace Director.Native.Netlink;

/// <summary>
/// One netlink message as received: header fields, payload (family header + attributes) and the
/// whole message (<paramref name="Bytes"/>, header included, as generic netlink callers want it).
/// </summary>
public readonly record struct NetlinkMessage(
    ushort Type, ushort Flags, uint Sequence, uint PortId, ReadOnlyMemory<byte> Payload, ReadOnlyMemory<byte> Bytes);

/// <summary>One attribute: type without the nested/byte-order bits, its value, and whether NLA_F_NESTED was set.</summary>
public readonly record struct NetlinkAttribute(ushort Type, ReadOnlyMemory<byte> Value, bool NestedFlag = false)
{
    public byte AsByte() => Value.Span[0];

    public ushort AsUInt16() => BinaryPrimitives.ReadUInt16LittleEndian(Value.Span);

    /// <summary>A 16-bit value in network byte order (ports).</summary>
    public ushort AsUInt16BigEndian() => BinaryPrimitives.ReadUInt16BigEndian(Value.Span);

    public uint AsUInt32() => BinaryPrimitives.ReadUInt32LittleEndian(Value.Span);

    /// <summary>A counter of whatever width the kernel sent (IPVS uses both 32 and 64 bits for statistics).</summary>
    public ulong AsUnsignedNumber() => Value.Length switch
    {
        >= 8 => BinaryPrimitives.ReadUInt64LittleEndian(Value.Span),
        >= 4 => BinaryPrimitives.ReadUInt32LittleEndian(Value.Span),
        >= 2 => BinaryPrimitives.ReadUInt16LittleEndian(Value.Span),
        1 => Value.Span[0],
        _ => 0,
    };

    /// <summary>String up to the first NUL.</summary>
    public string AsString()
    {
        var span = Value.Span;
        var end = span.IndexOf((byte)0);
        return Encoding.UTF8.GetString(end < 0 ? span : span[..end]);
    }

    /// <summary>The attributes inside this one; a malformed one raises <see cref="FormatException"/>.</summary>
    public IReadOnlyList<NetlinkAttribute> Nested() => NetlinkMessageReader.ReadAttributes(Value, strict: true);
}

/// <summary>Pure splitting of a datagram into messages and of a payload into attributes.</summary>
public static class NetlinkMessageReader
{
    public static IReadOnlyList<NetlinkMessage> ReadMessages(ReadOnlyMemory<byte> datagram)
    {
        var messages = new List<NetlinkMessage>();
        var offset = 0;
        while (offset + Nl.HeaderLength <= datagram.Length)
        {
            var message = ReadMessage(datagram[offset..]);
            messages.Add(message);
            offset += NetlinkMessageWriter.Align(message.Bytes.Length);
        }
        return messages;
    }

    /// <summary>The message at the start of <paramref name="data"/>; whatever follows it is ignored.</summary>
    public static NetlinkMessage ReadMessage(ReadOnlyMemory<byte> data)
    {
        var span = data.Span;
        var length = span.Length < Nl.HeaderLength ? 0 : (int)BinaryPrimitives.ReadUInt32LittleEndian(span);
        if (length < Nl.HeaderLength || length > data.Length)
            throw new FormatException($"netlink message length {length} does not fit {data.Length} bytes");
        return new NetlinkMessage(
            BinaryPrimitives.ReadUInt16LittleEndian(span[4..]),
            BinaryPrimitives.ReadUInt16LittleEndian(span[6..]),
            BinaryPrimitives.ReadUInt32LittleEndian(span[8..]),
            BinaryPrimitives.ReadUInt32LittleEndian(span[12..]),
            data[Nl.HeaderLength..length],
            data[..length]);
    }

    /// <summary>Attributes in <paramref name="data"/> (stops at the first malformed one).</summary>
    public static IReadOnlyList<NetlinkAttribute> ReadAttributes(ReadOnlyMemory<byte> data) => ReadAttributes(data, strict: false);

    /// <summary>Attributes in <paramref name="data"/>; a malformed one raises <see cref="FormatException"/> when <paramref name="strict"/>, else ends the list.</summary>
    public static IReadOnlyList<NetlinkAttribute> ReadAttributes(ReadOnlyMemory<byte> data, bool strict)
    {
        var attributes = new List<NetlinkAttribute>();
        var offset = 0;
        while (offset + 4 <= data.Length)
        {
            var span = data.Span;
            var length = BinaryPrimitives.ReadUInt16LittleEndian(span[offset..]);
            var rawType = BinaryPrimitives.ReadUInt16LittleEndian(span[(offset + 2)..]);
            if (length < 4 || offset + length > data.Length)
            {
                if (!strict) break;
                throw new FormatException($"netlink attribute at {offset} has length {length}, {data.Length - offset} bytes left");
            }
            attributes.Add(new NetlinkAttribute(
                (ushort)(rawType & Nl.NLA_TYPE_MASK), data.Slice(offset + 4, length - 4), (rawType & Nl.NLA_F_NESTED) != 0));
            offset += NetlinkMessageWriter.Align(length);
        }
        return attributes;
    }

    /// <summary>The first attribute of <paramref name="type"/>, or null.</summary>
    public static NetlinkAttribute? Find(IReadOnlyList<NetlinkAttribute> attributes, ushort type)
    {
        foreach (var attribute in attributes)
            if (attribute.Type == type) return attribute;
        return null;
    }

    /// <summary>
    /// Decodes an NLMSG_ERROR payload: the (negative) error code, 0 for an ACK, and the
    /// extended-ack message when present.
    /// </summary>
    public static (int Error, string? Message) ReadError(NetlinkMessage message)
    {
        var span = message.Payload.Span;
        if (span.Length < 4) throw new FormatException("truncated NLMSG_ERROR");
        var error = BinaryPrimitives.ReadInt32LittleEndian(span);
        string? text = null;
        if ((message.Flags & Nl.NLM_F_ACK_TLVS) != 0 && span.Length >= 4 + Nl.HeaderLength)
        {
            var originalLength = (int)BinaryPrimitives.ReadUInt32LittleEndian(span[4..]);
            var tlvStart = 4 + ((message.Flags & Nl.NLM_F_CAPPED) != 0 ? Nl.HeaderLength : NetlinkMessageWriter.Align(originalLength));
            if (tlvStart <= span.Length)
                text = Find(ReadAttributes(message.Payload[tlvStart..]), Nl.NLMSGERR_ATTR_MSG)?.AsString();
        }
        return (error, text);
    }
}
