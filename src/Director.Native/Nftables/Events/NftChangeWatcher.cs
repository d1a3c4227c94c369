using System.Runtime.InteropServices;
using Director.Core.Balancing;
using Director.Native.Interop;
using Director.Native.Netlink;
using Tmds.Linux;

namespace Director.Native.Nftables.Events;

/// <summary>
/// A NETLINK_NETFILTER socket joined to NFNLGRP_NFTABLES, read by a thread of its own (inside the
/// network namespace watched, so that /proc/thread-self/net shows that namespace's sockets).
/// Transactions committed through one of this process's own netlink sockets (libnftables'
/// contexts of the forwarding backend and the VIP firewall) are director's own writes and are not
/// reported: the port id in every notification names the writing socket, which cannot be mistaken
/// for another process's while that socket is open (libnftables keeps it for the context's life).
/// </summary>
public sealed unsafe class NftChangeWatcher : IDisposable
{
    private const int SoRcvBufForce = 33;
    private const int NetlinkAddMembership = 1;
    private const int ReceiveBufferBytes = 8 * 1024 * 1024;
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);

    private readonly Func<NftTableRef, bool> _watched;
    private readonly Action<NftTablesChanged> _onChange;
    private readonly Thread _thread;
    private volatile bool _stopping;
    private int _fd = -1;
    private IReadOnlySet<uint> _own = new HashSet<uint>();

    private NftChangeWatcher(Func<NftTableRef, bool> watched, Action<NftTablesChanged> onChange, string? netns)
    {
        _watched = watched;
        _onChange = onChange;
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _thread = new Thread(() => Run(netns, ready)) { IsBackground = true, Name = "nft-watch" };
        _thread.Start();
        try
        {
            ready.Task.GetAwaiter().GetResult();
        }
        catch
        {
            _thread.Join(Poll * 4);
            throw;
        }
    }

    /// <summary>Opens the socket (throws <see cref="KernelCallException"/> when it cannot) and starts reading.</summary>
    public static NftChangeWatcher Start(string? netns, Func<NftTableRef, bool> watched, Action<NftTablesChanged> onChange)
    {
        ArgumentNullException.ThrowIfNull(watched);
        ArgumentNullException.ThrowIfNull(onChange);
        return new NftChangeWatcher(watched, onChange, netns);
    }

    public void Dispose()
    {
        if (_stopping) return;
        _stopping = true;
        _thread.Join(Poll * 4);
        var fd = Interlocked.Exchange(ref _fd, -1);
        if (fd >= 0) Sys.close(fd);
    }

    private void Run(string? netns, TaskCompletionSource ready)
    {
        try
        {
            if (netns is not null) EnterNamespace(netns);
            _fd = Open();
            ready.SetResult();
        }
        catch (Exception e)
        {
            ready.SetException(e);
            return;
        }

        var buffer = new byte[256 * 1024];
        var assembler = new NftTransactionAssembler(_watched);
        while (!_stopping)
        {
            var received = Receive(buffer);
            if (received == 0) continue;
            if (received < 0)
            {
                assembler.Reset();
                Report(NftTablesChanged.Lost);
                continue;
            }

            IReadOnlyList<NetlinkMessage> messages;
            try
            {
                messages = NetlinkMessageReader.ReadMessages(buffer.AsMemory(0, received).ToArray());
            }
            catch (FormatException)
            {
                assembler.Reset();
                Report(NftTablesChanged.Lost);
                continue;
            }

            foreach (var message in messages)
            {
                if (assembler.Add(message) is not { } transaction || IsOwn(transaction.PortId)) continue;
                Report(new NftTablesChanged(transaction.Tables, transaction.Generation.ProcessId, transaction.Generation.ProcessName));
            }
        }
    }

    /// <summary>Bytes received; 0 on timeout or interruption; -1 when the kernel dropped notifications (ENOBUFS).</summary>
    private int Receive(byte[] buffer)
    {
        fixed (byte* b = buffer)
        {
            var received = Sys.recv(_fd, b, (nuint)buffer.Length, 0);
            if (received >= 0) return (int)received;
            var errno = Marshal.GetLastPInvokeError();
            if (errno == KnownErrno.ENOBUFS) return -1;
            if (errno is Sys.EINTR or Sys.EAGAIN) return 0;
            if (_stopping) return 0;
            // Any other failure of a bound netlink socket is not expected: report it as lost events
            // (the caller re-reads everything) and pace the loop.
            Thread.Sleep(Poll);
            return -1;
        }
    }

    // Kernel-made changes (port id 0, e.g. a device removed under a netdev chain) are never ours.
    private bool IsOwn(uint portId)
    {
        if (portId == 0) return false;
        if (_own.Contains(portId)) return true;
        _own = OwnNetlinkSockets.PortIds();
        return _own.Contains(portId);
    }

    private void Report(NftTablesChanged change)
    {
        try
        {
            _onChange(change);
        }
#pragma warning disable CA1031 // the subscriber's failure must not end the watch
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    private static int Open()
    {
        var fd = NetlinkSocket.CreateFd(OwnNetlinkSockets.NetlinkNetfilter, groups: 0);
        try
        {
            var group = NftEventDecoder.GroupNftables;
            Sys.Check(Sys.setsockopt(fd, Nl.SOL_NETLINK, NetlinkAddMembership, &group, sizeof(int)), "setsockopt(NETLINK_ADD_MEMBERSHIP NFNLGRP_NFTABLES)");
            var size = ReceiveBufferBytes;
            // A large own transaction (thousands of set elements) sends one notification per object.
            if (Sys.setsockopt(fd, LibC.SOL_SOCKET, SoRcvBufForce, &size, sizeof(int)) != 0)
                Sys.setsockopt(fd, LibC.SOL_SOCKET, LibC.SO_RCVBUF, &size, sizeof(int));
            var timeout = stackalloc long[2] { 0, (long)Poll.TotalMicroseconds };
            Sys.Check(Sys.setsockopt(fd, LibC.SOL_SOCKET, LibC.SO_RCVTIMEO, timeout, 2 * sizeof(long)), "setsockopt(SO_RCVTIMEO)");
            return fd;
        }
        catch
        {
            Sys.close(fd);
            throw;
        }
    }

    private static void EnterNamespace(string name)
    {
        using var handle = File.OpenHandle(Path.Combine("/run/netns", name));
        Sys.Check(Sys.setns((int)handle.DangerousGetHandle(), Sys.CLONE_NEWNET), $"setns({name})");
    }
}
