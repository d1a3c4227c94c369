using System.Buffers.Binary;

namespace Director.Native.Sockets;

/// <summary>One ancillary message (cmsghdr) of a recvmsg/sendmsg.</summary>
public readonly record struct ControlMessage(int Level, int Type, ReadOnlyMemory<byte> Data);

/// <summary>Pure cmsghdr encoding for 64-bit Linux (cmsg_len is size_t, data aligned to 8).</summary>
public static class ControlMessages
{
    private const int HeaderLength = 16;

    private static int Align(int length) => (length + 7) & ~7;

    public static int Space(int dataLength) => HeaderLength + Align(dataLength);

    public static IReadOnlyList<ControlMessage> Parse(ReadOnlyMemory<byte> control)
    {
        var messages = new List<ControlMessage>();
        var offset = 0;
        while (offset + HeaderLength <= control.Length)
        {
            var span = control.Span[offset..];
            var length = (int)BinaryPrimitives.ReadUInt64LittleEndian(span);
            if (length < HeaderLength || offset + length > control.Length) break;
            messages.Add(new ControlMessage(
                BinaryPrimitives.ReadInt32LittleEndian(span[8..]),
                BinaryPrimitives.ReadInt32LittleEndian(span[12..]),
                control.Slice(offset + HeaderLength, length - HeaderLength)));
            offset += Align(length);
        }
        return messages;
    }

    public static byte[] Build(int level, int type, ReadOnlySpan<byte> data)
    {
        var bytes = new byte[Space(data.Length)];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)(HeaderLength + data.Length));
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(8), level);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(12), type);
        data.CopyTo(bytes.AsSpan(HeaderLength));
        return bytes;
    }
}
