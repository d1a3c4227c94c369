using System.Net;
using System.Net.Sockets;

namespace Director.Actors.Checks;

/// <summary>Creates sockets bound as the checker asks and connects them within a deadline.</summary>
internal static class SocketFactory
{
    public static Socket Create(ConnectionTarget target, SocketType type, ProtocolType protocol)
    {
        var socket = new Socket(target.Remote.AddressFamily, type, protocol);
        try
        {
            if (target.Local is { } local)
            {
                if (local.Port != 0)
                    socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
                socket.Bind(local);
            }
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>A connected TCP socket, or the reason it could not connect in time.</summary>
    public static async Task<(Socket? Socket, string? Error)> ConnectTcpAsync(ConnectionTarget target, TimeProvider time, CancellationToken cancellationToken)
    {
        Socket socket;
        try
        {
            socket = Create(target, SocketType.Stream, ProtocolType.Tcp);
        }
        catch (SocketException e)
        {
            return (null, $"bind to {target.Local} failed: {e.SocketErrorCode}");
        }
        using var deadline = Deadline.Start(target.Timeout, time, cancellationToken);
        try
        {
            await socket.ConnectAsync(target.Remote, deadline.Token).ConfigureAwait(false);
            return (socket, null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            socket.Dispose();
            return (null, $"connection to {target.Remote} timed out");
        }
        catch (SocketException e)
        {
            socket.Dispose();
            return (null, $"connection to {target.Remote} failed: {e.SocketErrorCode}");
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Close without TIME_WAIT on our side (RST), as health checkers commonly do; nothing was sent.</summary>
    public static void Abort(Socket socket)
    {
        try
        {
            socket.LingerState = new LingerOption(true, 0);
        }
        catch (SocketException)
        {
            // Already reset by the peer.
        }
        socket.Dispose();
    }

    public static EndPoint AnyFor(AddressFamily family) =>
        new IPEndPoint(family == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
}
