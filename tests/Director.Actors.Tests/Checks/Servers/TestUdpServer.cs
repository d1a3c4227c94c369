using System.Net;
using System.Net.Sockets;

namespace Director.Actors.Tests.Checks.Servers;

/// <summary>A UDP socket on 127.0.0.1 that answers each datagram with <see cref="Respond"/> (null: stays silent).</summary>
internal sealed class TestUdpServer : IAsyncDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _received;

    public TestUdpServer(Func<byte[], IEnumerable<byte[]>>? respond)
    {
        _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _loop = Loop(respond);
    }

    public int Port => ((IPEndPoint)_socket.LocalEndPoint!).Port;

    public int Received => Volatile.Read(ref _received);

    /// <summary>A port on 127.0.0.1 where nothing listens (ICMP port unreachable).</summary>
    public static int ClosedPort()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }

    private async Task Loop(Func<byte[], IEnumerable<byte[]>>? respond)
    {
        var buffer = new byte[65536];
        while (!_stop.IsCancellationRequested)
        {
            SocketReceiveFromResult r;
            try
            {
                r = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), _stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            Interlocked.Increment(ref _received);
            if (respond is null)
                continue;
            foreach (var reply in respond(buffer[..r.ReceivedBytes]))
                await _socket.SendToAsync(reply, SocketFlags.None, r.RemoteEndPoint);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _socket.Dispose();
        await _loop;
        _stop.Dispose();
    }
}
