using System.Net;
using Director.Core.Vrrp;
using Director.Native.Sockets;

namespace Director.Actors.Vrrp;

/// <summary>Encodes an advert (keepalived's checksum rules) and writes it to the instance's raw socket.</summary>
public sealed class SocketVrrpSender(IVrrpSocket socket) : IVrrpSender
{
    public void Send(VrrpPacket packet, IPAddress source, IPAddress destination) =>
        socket.Send(VrrpPacketCodec.Encode(packet, source, destination), destination, source);
}
