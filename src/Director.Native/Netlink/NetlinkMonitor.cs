using System.Net.Sockets;
using Director.Native.Namespaces;

namespace Director.Native.Netlink;

/// <summary>
/// Subscribes to rtnetlink multicast groups (links, IPv4 and IPv6 addresses) and yields the
/// changes the kernel announces. Receives asynchronously (the fd is wrapped in a .NET Socket).
/// One reader at a time.
/// </summary>
public sealed class NetlinkMonitor : IDisposable
{
    public const uint DefaultGroups = Rtnl.RTMGRP_LINK | Rtnl.RTMGRP_IPV4_IFADDR | Rtnl.RTMGRP_IPV6_IFADDR;

    private readonly Socket _socket;
    private readonly byte[] _buffer = new byte[64 * 1024];

    private NetlinkMonitor(Socket socket) => _socket = socket;

    /// <summary>Subscribes in <paramref name="netns"/> (null: the caller's namespace) to <paramref name="groups"/>.</summary>
    public static NetlinkMonitor Open(string? netns = null, uint groups = DefaultGroups)
    {
        var fd = NetworkNamespace.Run(netns, () => NetlinkSocket.CreateFd(Nl.NETLINK_ROUTE, groups));
        return new NetlinkMonitor(new Socket(new SafeSocketHandle(fd, ownsHandle: true)));
    }

    /// <summary>
    /// Waits for the next datagram and returns the events in it (possibly none, for message types
    /// not decoded). Throws <see cref="KernelCallException"/> with ENOBUFS (105) when the kernel
    /// dropped events: the caller must then re-read the full state.
    /// </summary>
    public async ValueTask<IReadOnlyList<NetlinkEvent>> ReceiveAsync(CancellationToken cancellationToken)
    {
        int received;
        try
        {
            received = await _socket.ReceiveAsync(_buffer, SocketFlags.None, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.NoBufferSpaceAvailable)
        {
            throw new KernelCallException("netlink monitor receive", KnownErrno.ENOBUFS, "events were dropped (ENOBUFS)");
        }
        var events = new List<NetlinkEvent>();
        foreach (var message in NetlinkMessageReader.ReadMessages(_buffer.AsMemory(0, received).ToArray()))
            if (RtnlDecoder.DecodeEvent(message) is { } e) events.Add(e);
        return events;
    }

    /// <summary>Events until cancelled.</summary>
    public async IAsyncEnumerable<NetlinkEvent> ReadAllAsync(
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
            foreach (var e in await ReceiveAsync(cancellationToken).ConfigureAwait(false))
                yield return e;
    }

    public void Dispose() => _socket.Dispose();
}
