using Director.Core.Balancing.Nft;
using Director.Native.Interop;
using Director.Native.Netlink;

namespace Director.Native.Nftables;

/// <summary>
/// A NETLINK_NETFILTER socket that commits <see cref="NftOp"/> batches directly, without
/// libnftables. Opened and used on the nftables session thread (so in its network namespace).
/// </summary>
internal sealed unsafe class NftNetlinkChannel : IDisposable
{
    private const int NetlinkNetfilter = 12;
    private const int NetlinkCapAck = 10;
    private readonly byte[] _receive = new byte[256 * 1024];
    private int _fd;
    private uint _sequence = (uint)Environment.TickCount;

    public NftNetlinkChannel()
    {
        _fd = NetlinkSocket.CreateFd(NetlinkNetfilter, groups: 0);
        var one = 1;
        // ACKs without a copy of each (possibly large) request.
        Sys.setsockopt(_fd, Nl.SOL_NETLINK, NetlinkCapAck, &one, sizeof(int));
    }

    /// <summary>Commits <paramref name="ops"/> as one transaction.</summary>
    /// <exception cref="NftCommandException">The kernel refused the batch; nothing of it was applied.</exception>
    public void Commit(IReadOnlyList<NftOp> ops)
    {
        ObjectDisposedException.ThrowIf(_fd < 0, this);
        if (ops.Count == 0) return;
        var first = _sequence;
        var last = first + (uint)ops.Count;
        var batch = NftNetlinkEncoder.Encode(ops, first);
        _sequence = last + 2;
        Send(batch, ops);
        string? failure = null;
        var answered = false;
        while (!answered)
        {
            // The kernel handles the batch before sendto returns: the last message's ACK (or an
            // error) is already queued. After an error, what is left to read is all there is.
            nint received;
            fixed (byte* b = _receive) received = Sys.recv(_fd, b, (nuint)_receive.Length, failure is null ? 0 : Sys.MSG_DONTWAIT);
            if (received < 0)
            {
                var errno = System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
                if (errno == Sys.EINTR) continue;
                if (failure is not null && errno == Sys.EAGAIN) break;
                throw new NftCommandException($"nft netlink: recv failed (errno {errno})", Describe(ops));
            }

            foreach (var reply in NetlinkMessageReader.ReadMessages(_receive.AsMemory(0, (int)received)))
            {
                if (reply.Type != Nl.NLMSG_ERROR || reply.Sequence <= first || reply.Sequence > last) continue;
                answered |= reply.Sequence == last;
                var (error, text) = NetlinkMessageReader.ReadError(reply);
                if (error != 0 && failure is null)
                {
                    var op = ops[(int)(reply.Sequence - first - 1)];
                    failure = $"nft netlink: {op}: errno {-error}{(text is null ? "" : $" ({text})")}";
                }
            }
        }

        if (failure is not null) throw new NftCommandException(failure, Describe(ops));
    }

    public void Dispose()
    {
        var fd = Interlocked.Exchange(ref _fd, -1);
        if (fd >= 0) Sys.close(fd);
    }

    private void Send(byte[] batch, IReadOnlyList<NftOp> ops)
    {
        Span<byte> kernel = stackalloc byte[12];
        kernel.Clear();
        kernel[0] = (byte)Nl.AF_NETLINK;
        fixed (byte* m = batch)
        fixed (byte* k = kernel)
        {
            while (true)
            {
                if (Sys.sendto(_fd, m, (nuint)batch.Length, 0, k, (uint)kernel.Length) >= 0) return;
                var errno = System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
                if (errno != Sys.EINTR) throw new NftCommandException($"nft netlink: sendto failed (errno {errno})", Describe(ops));
            }
        }
    }

    private static string Describe(IReadOnlyList<NftOp> ops) => string.Join('\n', ops);
}
