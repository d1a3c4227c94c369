using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace Director.TestSupport.Netns;

/// <summary>What a TCP connection attempt got back.</summary>
public enum TcpAnswer
{
    /// <summary>The handshake completed.</summary>
    Accepted,

    /// <summary>A reset: the host answered, nothing listens.</summary>
    Refused,

    /// <summary>Nothing came back in time (dropped).</summary>
    NoAnswer,
}

/// <summary>
/// Whether an address answers, seen from inside a lab namespace, without ping(8) (not installed
/// everywhere): ICMP echo through a raw socket (the tests run as root) and a bounded TCP connect.
/// </summary>
public static class Reachability
{
    public static bool Pings(LabNamespace from, string address, TimeSpan timeout) =>
        from.Run(() =>
        {
            using var ping = new Ping();
            try
            {
                return ping.Send(IPAddress.Parse(address), (int)timeout.TotalMilliseconds).Status == IPStatus.Success;
            }
            catch (PingException)
            {
                return false;
            }
        });

    public static TcpAnswer Connect(LabNamespace from, string address, int port, TimeSpan timeout) =>
        from.Run(() =>
        {
            var ip = IPAddress.Parse(address);
            using var socket = new Socket(ip.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            using var cts = new CancellationTokenSource(timeout);
            try
            {
                socket.ConnectAsync(new IPEndPoint(ip, port), cts.Token).AsTask().GetAwaiter().GetResult();
                return TcpAnswer.Accepted;
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionRefused)
            {
                return TcpAnswer.Refused;
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException)
            {
                return TcpAnswer.NoAnswer;
            }
        });
}
