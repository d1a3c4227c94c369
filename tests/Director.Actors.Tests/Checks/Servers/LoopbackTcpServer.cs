using System.Net;
using System.Net.Sockets;

namespace Director.Actors.Tests.Checks.Servers;

/// <summary>
/// A TCP listener on 127.0.0.1 (ephemeral port) that hands each accepted connection to a handler;
/// connections and the accept loop end when disposed.
/// </summary>
internal sealed class LoopbackTcpServer : IAsyncDisposable
{
    private readonly Socket _listener = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _acceptLoop;
    private readonly List<Task> _connections = new();
    private int _accepted;

    public LoopbackTcpServer(Func<Socket, CancellationToken, Task> handler, int backlog = 64)
    {
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen(backlog);
        _acceptLoop = AcceptLoop(handler);
    }

    /// <summary>A listener that never accepts: its queue can be filled so that further SYNs are dropped.</summary>
    public static Socket NonAccepting()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        socket.Listen(0);
        return socket;
    }

    public IPEndPoint EndPoint => (IPEndPoint)_listener.LocalEndPoint!;

    public int Port => EndPoint.Port;

    public int Accepted => Volatile.Read(ref _accepted);

    private async Task AcceptLoop(Func<Socket, CancellationToken, Task> handler)
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            Interlocked.Increment(ref _accepted);
            lock (_connections)
                _connections.Add(Serve(client, handler));
        }
    }

    private async Task Serve(Socket client, Func<Socket, CancellationToken, Task> handler)
    {
        using (client)
        {
            try
            {
                await handler(client, _stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or IOException or ObjectDisposedException)
            {
                // The client went away or the server is stopping.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Dispose();
        await _acceptLoop;
        Task[] pending;
        lock (_connections)
            pending = _connections.ToArray();
        await Task.WhenAll(pending).WaitAsync(TimeSpan.FromSeconds(5));
        _stop.Dispose();
    }
}
