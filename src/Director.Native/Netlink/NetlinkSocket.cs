using System.Buffers.Binary;
using Director.Native.Interop;
using Director.Native.Namespaces;
using Tmds.Linux;

namespace Director.Native.Netlink;

/// <summary>
/// A netlink socket of any protocol (NETLINK_ROUTE, NETLINK_GENERIC) for request/response use:
/// numbers each request, waits for its ACK or dump, and turns NLMSG_ERROR into
/// <see cref="KernelCallException"/> (errno and extended-ack text), or into what the opener's
/// error factory makes of it. Thread-safe: requests are serialized by a lock. Replies are bounded
/// by a 5 s receive timeout.
/// </summary>
public sealed unsafe class NetlinkSocket : IDisposable
{
    private const int ReceiveBufferSize = 64 * 1024;
    private readonly object _gate = new();
    private readonly byte[] _receiveBuffer = new byte[ReceiveBufferSize];
    private readonly KernelErrorFactory _error;
    private int _fd;
    private uint _sequence;

    private NetlinkSocket(int fd, KernelErrorFactory error)
    {
        _fd = fd;
        _error = error;
        _sequence = (uint)Environment.TickCount;
    }

    /// <summary>Opens a netlink socket of <paramref name="protocol"/>, in namespace <paramref name="netns"/> when given.</summary>
    public static NetlinkSocket Open(int protocol = Nl.NETLINK_ROUTE, string? netns = null) =>
        Open(protocol, netns, DefaultError);

    /// <summary>As <see cref="Open(int, string?)"/>, with every failure (syscall or kernel reply) made by <paramref name="error"/>.</summary>
    internal static NetlinkSocket Open(int protocol, string? netns, KernelErrorFactory error) =>
        new(NetworkNamespace.Run(netns, () => CreateFd(protocol, groups: 0, error)), error);

    /// <summary>Sends a request carrying NLM_F_ACK and waits for the kernel's ACK.</summary>
    public void Request(byte[] message, string operation)
    {
        lock (_gate) Exchange(message, operation, dump: false);
    }

    /// <summary>Sends a request carrying NLM_F_ACK and returns the replies that came before the ACK (a get).</summary>
    public IReadOnlyList<NetlinkMessage> Query(byte[] message, string operation)
    {
        lock (_gate) return Exchange(message, operation, dump: false);
    }

    /// <summary>Sends a NLM_F_DUMP request and returns every reply message up to NLMSG_DONE.</summary>
    public IReadOnlyList<NetlinkMessage> Dump(byte[] message, string operation)
    {
        lock (_gate) return Exchange(message, operation, dump: true);
    }

    public void Dispose()
    {
        var fd = Interlocked.Exchange(ref _fd, -1);
        if (fd >= 0) Sys.close(fd);
    }

    /// <summary>socket(AF_NETLINK) bound to <paramref name="groups"/> (RTMGRP_* bitmask), with extended ACK on.</summary>
    internal static int CreateFd(int protocol, uint groups, KernelErrorFactory? error = null)
    {
        error ??= DefaultError;
        var fd = Check(Sys.socket(Nl.AF_NETLINK, LibC.SOCK_RAW | LibC.SOCK_CLOEXEC, protocol), "socket(AF_NETLINK)", error);
        try
        {
            Span<byte> address = stackalloc byte[12];
            address.Clear();
            BinaryPrimitives.WriteUInt16LittleEndian(address, Nl.AF_NETLINK);
            BinaryPrimitives.WriteUInt32LittleEndian(address[8..], groups);
            fixed (byte* a = address) Check(Sys.bind(fd, a, (uint)address.Length), "bind(AF_NETLINK)", error);
            var one = 1;
            // Optional: older kernels lack extended ACK; errors then carry errno only.
            Sys.setsockopt(fd, Nl.SOL_NETLINK, Nl.NETLINK_EXT_ACK, &one, sizeof(int));
            var timeout = stackalloc long[2] { 5, 0 };
            Check(Sys.setsockopt(fd, LibC.SOL_SOCKET, LibC.SO_RCVTIMEO, timeout, 2 * sizeof(long)), "setsockopt(SO_RCVTIMEO)", error);
            var size = 1024 * 1024;
            Sys.setsockopt(fd, LibC.SOL_SOCKET, LibC.SO_RCVBUF, &size, sizeof(int));
            return fd;
        }
        catch
        {
            Sys.close(fd);
            throw;
        }
    }

    private static KernelCallException DefaultError(string operation, int errno, string? kernelMessage) =>
        new(operation, errno, kernelMessage);

    private static int Check(int result, string operation, KernelErrorFactory error) =>
        result >= 0 ? result : throw error(operation, System.Runtime.InteropServices.Marshal.GetLastPInvokeError(), null);

    private List<NetlinkMessage> Exchange(byte[] message, string operation, bool dump)
    {
        ObjectDisposedException.ThrowIf(_fd < 0, this);
        var sequence = ++_sequence;
        BinaryPrimitives.WriteUInt32LittleEndian(message.AsSpan(8), sequence);
        Send(message, operation);
        var replies = new List<NetlinkMessage>();
        while (true)
        {
            foreach (var reply in NetlinkMessageReader.ReadMessages(Receive(operation)))
            {
                if (reply.Sequence != sequence) continue; // stale answer to an earlier, abandoned request
                switch (reply.Type)
                {
                    case Nl.NLMSG_ERROR:
                        var (error, text) = NetlinkMessageReader.ReadError(reply);
                        if (error != 0) throw _error(operation, -error, text);
                        if (!dump) return replies;
                        break;
                    case Nl.NLMSG_DONE:
                        return replies;
                    case Nl.NLMSG_NOOP:
                        break;
                    default:
                        replies.Add(reply);
                        break;
                }
            }
        }
    }

    private void Send(byte[] message, string operation)
    {
        Span<byte> kernel = stackalloc byte[12];
        kernel.Clear();
        BinaryPrimitives.WriteUInt16LittleEndian(kernel, Nl.AF_NETLINK);
        fixed (byte* m = message)
        fixed (byte* k = kernel)
        {
            while (true)
            {
                var sent = Sys.sendto(_fd, m, (nuint)message.Length, 0, k, (uint)kernel.Length);
                if (sent >= 0) return;
                var errno = System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
                if (errno != Sys.EINTR) throw _error($"{operation}: sendto(netlink)", errno, null);
            }
        }
    }

    private ReadOnlyMemory<byte> Receive(string operation)
    {
        fixed (byte* b = _receiveBuffer)
        {
            while (true)
            {
                var received = Sys.recv(_fd, b, (nuint)_receiveBuffer.Length, 0);
                if (received >= 0) return _receiveBuffer.AsMemory(0, (int)received).ToArray();
                var errno = System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
                if (errno == Sys.EINTR) continue;
                if (errno == Sys.EAGAIN) throw new TimeoutException($"{operation}: no netlink reply within 5 s");
                throw _error($"{operation}: recv(netlink)", errno, null);
            }
        }
    }
}

/// <summary>Makes the exception a failed netlink call raises (a protocol may want a subtype of its own).</summary>
internal delegate KernelCallException KernelErrorFactory(string operation, int errno, string? kernelMessage);
