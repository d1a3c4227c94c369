using System.Buffers.Binary;
using System.Text;

namespace Director.Native.Netlink;

/// <summary>
/// Builds one netlink message of any protocol: header, fixed family header (ifinfomsg, genlmsghdr, ...),
/// then attributes (4-byte aligned, nests marked NLA_F_NESTED as libnl marks them).
/// Pure: no syscalls. The sequence number is patched in by <see cref="NetlinkSocket"/>.
/// </summary>
public sealed class NetlinkMessageWriter
{
    private byte[] _buffer = new byte[256];
    private int _length;
    private readonly Stack<int> _nests = new();

    public NetlinkMessageWriter(ushort type, ushort flags)
    {
        _length = Nl.HeaderLength;
        BinaryPrimitives.WriteUInt16LittleEndian(_buffer.AsSpan(4), type);
        BinaryPrimitives.WriteUInt16LittleEndian(_buffer.AsSpan(6), flags);
    }

    public static int Align(int length) => (length + 3) & ~3;

    /// <summary>Appends raw bytes (the family header, e.g. ifinfomsg), padded to 4.</summary>
    public NetlinkMessageWriter Fixed(ReadOnlySpan<byte> bytes)
    {
        var span = Reserve(Align(bytes.Length));
        bytes.CopyTo(span);
        return this;
    }

    public NetlinkMessageWriter Attribute(ushort type, ReadOnlySpan<byte> value)
    {
        if (4 + value.Length > ushort.MaxValue) throw new ArgumentOutOfRangeException(nameof(value), "netlink attribute too long");
        var span = Reserve(Align(4 + value.Length));
        BinaryPrimitives.WriteUInt16LittleEndian(span, (ushort)(4 + value.Length));
        BinaryPrimitives.WriteUInt16LittleEndian(span[2..], type);
        value.CopyTo(span[4..]);
        return this;
    }

    public NetlinkMessageWriter U8(ushort type, byte value) => Attribute(type, [value]);

    public NetlinkMessageWriter U16(ushort type, ushort value)
    {
        Span<byte> v = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(v, value);
        return Attribute(type, v);
    }

    /// <summary>A 16-bit value in network byte order (ports).</summary>
    public NetlinkMessageWriter U16BigEndian(ushort type, ushort value)
    {
        Span<byte> v = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(v, value);
        return Attribute(type, v);
    }

    public NetlinkMessageWriter U32(ushort type, uint value)
    {
        Span<byte> v = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(v, value);
        return Attribute(type, v);
    }

    /// <summary>NUL-terminated string attribute, as NLA_PUT_STRING sends it.</summary>
    public NetlinkMessageWriter String(ushort type, string value)
    {
        var bytes = new byte[Encoding.UTF8.GetByteCount(value) + 1];
        Encoding.UTF8.GetBytes(value, bytes);
        return Attribute(type, bytes);
    }

    public NetlinkMessageWriter BeginNested(ushort type)
    {
        _nests.Push(_length);
        var span = Reserve(4);
        BinaryPrimitives.WriteUInt16LittleEndian(span[2..], (ushort)(type | Nl.NLA_F_NESTED));
        return this;
    }

    public NetlinkMessageWriter EndNested()
    {
        var start = _nests.Pop();
        BinaryPrimitives.WriteUInt16LittleEndian(_buffer.AsSpan(start), (ushort)(_length - start));
        return this;
    }

    /// <summary>The finished message with nlmsg_len set, sequence 0, port id 0.</summary>
    public byte[] ToArray()
    {
        if (_nests.Count != 0) throw new InvalidOperationException("unterminated nested attribute");
        BinaryPrimitives.WriteUInt32LittleEndian(_buffer, (uint)_length);
        return _buffer.AsSpan(0, _length).ToArray();
    }

    private Span<byte> Reserve(int count)
    {
        if (_length + count > _buffer.Length)
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + count));
        var span = _buffer.AsSpan(_length, count);
        span.Clear();
        _length += count;
        return span;
    }
}
