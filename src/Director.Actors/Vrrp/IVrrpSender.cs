using System.Net;
using Director.Core.Vrrp;

namespace Director.Actors.Vrrp;

/// <summary>
/// Sends one advert. Adverts go straight to the socket from the instance actor (not through
/// native-io): they are packets, not kernel state, and their timing is the protocol.
/// </summary>
public interface IVrrpSender
{
    void Send(VrrpPacket packet, IPAddress source, IPAddress destination);
}
