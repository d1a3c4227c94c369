using System.Buffers.Binary;
using System.Text;

namespace Director.Native.Netlink;

/// <summary>One netlink message as received: header fields and payload (family header + attributes).</summary>
public readonly record struct NetlinkMessage(ushort Type, ushort Flags, uint Sequence, uint PortId, ReadOnlyMemory<byte> Payload);

/// <summary>One attribute: type without the nested/byte-order bits, and its value.</summary>
public readonly record struct NetlinkAttribute(ushort Type, ReadOnlyMemory<byte> Value)
{
    public uint AsUInt32() => BinaryPrimitives.ReadUInt32LittleEndian(Value.Span);

    public byte AsByte() => Value.Span[0];

    /// <summary>String up to the first NUL.</summary>
    public string AsString()
    {
        var span = Value.Span;
        var end = span.IndexOf((byte)0);
        return Encoding.UTF8.GetString(end < 0 ? span : span[..end]);
    }
}

/// <summary>Pure splitting of a datagram into messages and of a payload into attributes.</summary>
public static class NetlinkMessageReader
{
    public static IReadOnlyList<NetlinkMessage> ReadMessages(ReadOnlyMemory<byte> datagram)
    {
        var messages = new List<NetlinkMessage>();
        var offset = 0;
        var span = datagram.Span;
        while (offset + Nl.HeaderLength <= datagram.Length)
        {
            var length = (int)BinaryPrimitives.ReadUInt32LittleEndian(span[offset..]);
            if (length < Nl.HeaderLength || offset + length > datagram.Length)
                throw new InvalidDataException($"netlink message length {length} at offset {offset} is invalid");
            messages.Add(new NetlinkMessage(
                BinaryPrimitives.ReadUInt16LittleEndian(span[(offset + 4)..]),
                BinaryPrimitives.ReadUInt16LittleEndian(span[(offset + 6)..]),
                BinaryPrimitives.ReadUInt32LittleEndian(span[(offset + 8)..]),
                BinaryPrimitives.ReadUInt32LittleEndian(span[(offset + 12)..]),
                datagram.Slice(offset + Nl.HeaderLength, length - Nl.HeaderLength)));
            offset += NetlinkMessageWriter.Align(length);
        }
        return messages;
    }

    /// <summary>Attributes in <paramref name="data"/> (stops at the first malformed one).</summary>
    public static IReadOnlyList<NetlinkAttribute> ReadAttributes(ReadOnlyMemory<byte> data)
    {
        var attributes = new List<NetlinkAttribute>();
        var offset = 0;
        while (offset + 4 <= data.Length)
        {
            var span = data.Span;
            var length = BinaryPrimitives.ReadUInt16LittleEndian(span[offset..]);
            var type = (ushort)(BinaryPrimitives.ReadUInt16LittleEndian(span[(offset + 2)..]) & Nl.NLA_TYPE_MASK);
            if (length < 4 || offset + length > data.Length) break;
            attributes.Add(new NetlinkAttribute(type, data.Slice(offset + 4, length - 4)));
            offset += NetlinkMessageWriter.Align(length);
        }
        return attributes;
    }

    /// <summary>
    /// Decodes an NLMSG_ERROR payload: the (negative) error code, 0 for an ACK, and the
    /// extended-ack message when present.
    /// </summary>
    public static (int Error, string? Message) ReadError(NetlinkMessage message)
    {
        var span = message.Payload.Span;
        if (span.Length < 4) throw new InvalidDataException("truncated NLMSG_ERROR");
        var error = BinaryPrimitives.ReadInt32LittleEndian(span);
        string? text = null;
        if ((message.Flags & Nl.NLM_F_ACK_TLVS) != 0 && span.Length >= 4 + Nl.HeaderLength)
        {
            var originalLength = (int)BinaryPrimitives.ReadUInt32LittleEndian(span[4..]);
            var tlvStart = 4 + ((message.Flags & Nl.NLM_F_CAPPED) != 0 ? Nl.HeaderLength : NetlinkMessageWriter.Align(originalLength));
            if (tlvStart <= span.Length)
            {
                foreach (var attribute in ReadAttributes(message.Payload[tlvStart..]))
                    if (attribute.Type == Nl.NLMSGERR_ATTR_MSG) text = attribute.AsString();
            }
        }
        return (error, text);
    }
}
