using System.Buffers.Binary;
using S = Director.Native.Ipvs.GenericNetlinkSyscalls;

namespace Director.Native.Ipvs;

/// <summary>
/// A NETLINK_GENERIC socket for request/reply use: numbers each request, collects replies until
/// the ACK (or NLMSG_DONE for a dump) and turns NLMSG_ERROR into <see cref="GenericNetlinkException"/>.
/// Requests are serialized by a lock; each receive is bounded by a 5 s timeout.
/// </summary>
public sealed unsafe class GenericNetlinkSocket : IGenericNetlinkChannel, IDisposable
{
    private const ushort NlmsgNoop = 1;
    private const ushort NlmsgError = 2;
    private const ushort NlmsgDone = 3;
    private const ushort NlmFCapped = 0x100;
    private const ushort NlmFAckTlvs = 0x200;
    private const ushort NlmsgerrAttrMsg = 1;
    private const int MaxFamilyNameLength = 15; // GENL_NAMSIZ less the NUL

    private readonly object _gate = new();
    private readonly byte[] _buffer = new byte[64 * 1024];
    private int _fd;
    private uint _sequence;

    private GenericNetlinkSocket(int fd)
    {
        _fd = fd;
        _sequence = (uint)Environment.TickCount;
    }

    /// <summary>Opens and binds a generic netlink socket; throws <see cref="GenericNetlinkException"/> when the kernel refuses.</summary>
    public static GenericNetlinkSocket Open()
    {
        var fd = S.socket(S.AfNetlink, S.SockRaw | S.SockCloexec, S.NetlinkGeneric);
        if (fd < 0) throw new GenericNetlinkException("socket(AF_NETLINK, NETLINK_GENERIC)", S.LastError);
        try
        {
            Span<byte> address = stackalloc byte[12];
            address.Clear();
            BinaryPrimitives.WriteUInt16LittleEndian(address, S.AfNetlink);
            fixed (byte* a = address)
            {
                if (S.bind(fd, a, (uint)address.Length) < 0) throw new GenericNetlinkException("bind(NETLINK_GENERIC)", S.LastError);
            }

            var one = 1;
            S.setsockopt(fd, S.SolNetlink, S.NetlinkExtAck, &one, sizeof(int)); // optional: error text on newer kernels
            var timeout = stackalloc long[2] { 5, 0 };
            if (S.setsockopt(fd, S.SolSocket, S.SoRcvtimeo, timeout, 2 * sizeof(long)) < 0)
                throw new GenericNetlinkException("setsockopt(SO_RCVTIMEO)", S.LastError);
            return new GenericNetlinkSocket(fd);
        }
        catch
        {
            S.close(fd);
            throw;
        }
    }

    /// <summary>Resolves a generic netlink family name to its id; null when the kernel has no such family.</summary>
    public ushort? ResolveFamily(string name)
    {
        if (name.Length is 0 or > MaxFamilyNameLength)
            throw new ArgumentException($"generic netlink family names have 1..{MaxFamilyNameLength} characters", nameof(name));
        try
        {
            var replies = Exchange(GenericNetlinkControl.GetFamily(name), $"resolve generic netlink family {name}");
            return replies.Count == 0 ? null : GenericNetlinkControl.DecodeFamilyId(replies[0]);
        }
        catch (GenericNetlinkException e) when (e.Errno == GenericNetlinkException.Enoent)
        {
            return null;
        }
    }

    public IReadOnlyList<ReadOnlyMemory<byte>> Exchange(byte[] message, string operation)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_fd < 0, this);
            var sequence = ++_sequence;
            BinaryPrimitives.WriteUInt32LittleEndian(message.AsSpan(8), sequence);
            var dump = (BinaryPrimitives.ReadUInt16LittleEndian(message.AsSpan(6)) & GenericNetlinkMessageWriter.NlmFDump) != 0;
            Send(message, operation);
            var replies = new List<ReadOnlyMemory<byte>>();
            while (true)
            {
                foreach (var reply in GenericNetlinkMessage.Split(Receive(operation)))
                {
                    var span = reply.Span;
                    if (BinaryPrimitives.ReadUInt32LittleEndian(span[8..]) != sequence) continue; // late answer to an abandoned request
                    switch (BinaryPrimitives.ReadUInt16LittleEndian(span[4..]))
                    {
                        case NlmsgError:
                            var error = -BinaryPrimitives.ReadInt32LittleEndian(span[16..]);
                            if (error != 0) throw new GenericNetlinkException(operation, error, ExtendedAckText(reply));
                            if (!dump) return replies;
                            break;
                        case NlmsgDone:
                            return replies;
                        case NlmsgNoop:
                            break;
                        default:
                            replies.Add(reply);
                            break;
                    }
                }
            }
        }
    }

    public void Dispose()
    {
        var fd = Interlocked.Exchange(ref _fd, -1);
        if (fd >= 0) S.close(fd);
    }

    /// <summary>NLMSGERR_ATTR_MSG from an extended ACK, when the kernel sent one.</summary>
    private static string? ExtendedAckText(ReadOnlyMemory<byte> reply)
    {
        var flags = BinaryPrimitives.ReadUInt16LittleEndian(reply.Span[6..]);
        if ((flags & NlmFAckTlvs) == 0 || reply.Length < 36) return null;
        var echoed = (flags & NlmFCapped) != 0 ? 16 : (int)BinaryPrimitives.ReadUInt32LittleEndian(reply.Span[20..]);
        var tlvStart = 20 + ((echoed + 3) & ~3);
        if (tlvStart >= reply.Length) return null;
        try
        {
            var text = GenericNetlinkMessage.Find(GenericNetlinkAttribute.ReadAll(reply[tlvStart..]), NlmsgerrAttrMsg);
            return text?.String();
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private void Send(byte[] message, string operation)
    {
        Span<byte> kernel = stackalloc byte[12];
        kernel.Clear();
        BinaryPrimitives.WriteUInt16LittleEndian(kernel, S.AfNetlink);
        fixed (byte* m = message)
        fixed (byte* k = kernel)
        {
            while (true)
            {
                if (S.sendto(_fd, m, (nuint)message.Length, 0, k, (uint)kernel.Length) >= 0) return;
                var errno = S.LastError;
                if (errno != S.Eintr) throw new GenericNetlinkException($"{operation}: sendto(netlink)", errno);
            }
        }
    }

    private ReadOnlyMemory<byte> Receive(string operation)
    {
        fixed (byte* b = _buffer)
        {
            while (true)
            {
                var received = S.recv(_fd, b, (nuint)_buffer.Length, 0);
                if (received >= 0) return _buffer.AsMemory(0, (int)received).ToArray();
                var errno = S.LastError;
                if (errno == S.Eintr) continue;
                if (errno == S.Eagain) throw new TimeoutException($"{operation}: no netlink reply within 5 s");
                throw new GenericNetlinkException($"{operation}: recv(netlink)", errno);
            }
        }
    }
}
