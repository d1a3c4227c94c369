using System.Net;
using System.Net.Sockets;
using System.Text;
using Director.TestSupport.Netns;

namespace Director.Integration.Tests.Vrrp;

/// <summary>
/// Sends whole hand-made IPv4 datagrams (IPPROTO_RAW: our IP header, any TTL) out of one
/// interface of a lab namespace. The kernel fills in only the total length and header checksum.
/// </summary>
public sealed class RawVrrpInjector : IDisposable
{
    private const int SolSocket = 1;
    private const int SoBindToDevice = 25;
    private readonly Socket _socket;

    public RawVrrpInjector(LabNamespace ns, string interfaceName)
    {
        _socket = ns.Run(() =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Raw, ProtocolType.Raw);
            socket.SetRawSocketOption(SolSocket, SoBindToDevice, Encoding.ASCII.GetBytes(interfaceName + "\0"));
            socket.SendBufferSize = 1 << 20;
            return socket;
        });
    }

    public void Send(byte[] datagram, IPAddress destination) => _socket.SendTo(datagram, new IPEndPoint(destination, 0));

    public void Dispose() => _socket.Dispose();
}
