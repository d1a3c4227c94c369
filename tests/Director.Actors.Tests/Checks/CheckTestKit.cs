using System.Net;
using System.Net.Sockets;
using Director.Actors.Checks;
using Director.Core.Config.Model;

namespace Director.Actors.Tests.Checks;

internal static class CheckTestKit
{
    /// <summary>For paths that are expected to time out: the test waits this long.</summary>
    public static readonly TimeSpan Short = TimeSpan.FromMilliseconds(300);

    /// <summary>For paths expected to succeed: generous, since the box is shared and only a failure would wait.</summary>
    public static readonly TimeSpan Generous = TimeSpan.FromSeconds(3);

    public static RealServer RealServer(int port, int weight = 1) =>
        new() { Address = new RealServerAddress { Ip = IPAddress.Loopback, Port = port }, Weight = weight };

    public static VirtualServer VirtualServer() => new() { DelayLoop = TimeSpan.FromSeconds(1) };

    public static ConnectionTarget Target(int port, TimeSpan? timeout = null) =>
        new(new IPEndPoint(IPAddress.Loopback, port), null, timeout ?? Short);

    /// <summary>A TCP port on 127.0.0.1 that refuses connections (bound, not listening).</summary>
    public static Socket RefusingPort()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return socket;
    }

    public static int PortOf(Socket socket) => ((IPEndPoint)socket.LocalEndPoint!).Port;

    /// <summary>
    /// A listener whose accept queue is full: SYNs to it are dropped, so a connect times out.
    /// The returned sockets fill the queue and must be disposed with the listener.
    /// </summary>
    public static async Task<(Socket Listener, List<Socket> Fillers)> BlackholeListenerAsync()
    {
        var listener = Servers.LoopbackTcpServer.NonAccepting();
        var fillers = new List<Socket>();
        for (var i = 0; i < 8; i++)
        {
            var s = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            fillers.Add(s);
            using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
            try
            {
                await s.ConnectAsync(listener.LocalEndPoint!, cts.Token);
            }
            catch (OperationCanceledException)
            {
                break; // the queue is full: this SYN was dropped
            }
        }
        return (listener, fillers);
    }
}
