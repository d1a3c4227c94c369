using System.Buffers.Binary;
using System.Text;

namespace Director.Native.Ipvs;

/// <summary>
/// Builds one generic netlink message: nlmsghdr, genlmsghdr, then attributes (4-byte aligned,
/// nests marked NLA_F_NESTED as libnl marks them). Sequence and port id are left 0 for the socket.
/// </summary>
internal sealed class GenericNetlinkMessageWriter
{
    public const ushort NlmFRequest = 0x0001;
    public const ushort NlmFAck = 0x0004;
    public const ushort NlmFDump = 0x0300;
    public const ushort NlaFNested = 0x8000;

    private readonly List<byte> _bytes = new(256);
    private readonly Stack<int> _nests = new();

    public GenericNetlinkMessageWriter(ushort familyId, byte command, byte version, ushort flags)
    {
        Span<byte> header = stackalloc byte[20];
        header.Clear();
        BinaryPrimitives.WriteUInt16LittleEndian(header[4..], familyId);
        BinaryPrimitives.WriteUInt16LittleEndian(header[6..], flags);
        header[16] = command;
        header[17] = version;
        _bytes.AddRange(header.ToArray());
    }

    public GenericNetlinkMessageWriter BeginNest(ushort type)
    {
        _nests.Push(_bytes.Count);
        AddHeader(4, (ushort)(type | NlaFNested));
        return this;
    }

    public GenericNetlinkMessageWriter EndNest()
    {
        var start = _nests.Pop();
        SetUInt16(start, (ushort)(_bytes.Count - start));
        return this;
    }

    public GenericNetlinkMessageWriter Put(ushort type, ReadOnlySpan<byte> payload)
    {
        AddHeader(4 + payload.Length, type);
        _bytes.AddRange(payload.ToArray());
        while (_bytes.Count % 4 != 0) _bytes.Add(0);
        return this;
    }

    public GenericNetlinkMessageWriter PutU8(ushort type, byte value) => Put(type, [value]);

    public GenericNetlinkMessageWriter PutU16(ushort type, ushort value)
    {
        Span<byte> b = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(b, value);
        return Put(type, b);
    }

    /// <summary>A 16-bit value in network byte order (ports).</summary>
    public GenericNetlinkMessageWriter PutU16BigEndian(ushort type, ushort value)
    {
        Span<byte> b = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(b, value);
        return Put(type, b);
    }

    public GenericNetlinkMessageWriter PutU32(ushort type, uint value)
    {
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(b, value);
        return Put(type, b);
    }

    /// <summary>A NUL-terminated string, as NLA_PUT_STRING sends it.</summary>
    public GenericNetlinkMessageWriter PutString(ushort type, string value)
    {
        var bytes = new byte[Encoding.ASCII.GetByteCount(value) + 1];
        Encoding.ASCII.GetBytes(value, bytes);
        return Put(type, bytes);
    }

    public byte[] ToArray()
    {
        if (_nests.Count != 0) throw new InvalidOperationException("unclosed netlink attribute nest");
        var message = _bytes.ToArray();
        BinaryPrimitives.WriteUInt32LittleEndian(message, (uint)message.Length);
        return message;
    }

    private void AddHeader(int length, ushort type)
    {
        if (length > ushort.MaxValue) throw new ArgumentOutOfRangeException(nameof(length), "netlink attribute too long");
        Span<byte> header = stackalloc byte[4];
        BinaryPrimitives.WriteUInt16LittleEndian(header, (ushort)length);
        BinaryPrimitives.WriteUInt16LittleEndian(header[2..], type);
        _bytes.AddRange(header.ToArray());
    }

    private void SetUInt16(int offset, ushort value)
    {
        _bytes[offset] = (byte)value;
        _bytes[offset + 1] = (byte)(value >> 8);
    }
}
