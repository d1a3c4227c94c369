using System.Net;
using System.Net.NetworkInformation;

namespace Director.Native.Sockets;

/// <summary>
/// Announces addresses on one interface: gratuitous ARP for IPv4, unsolicited neighbour
/// advertisement for IPv6, as whole Ethernet frames on an AF_PACKET socket.
/// </summary>
public sealed class NeighbourAnnouncer : IDisposable
{
    private readonly PacketSocket _socket;

    private NeighbourAnnouncer(PacketSocket socket) => _socket = socket;

    public string InterfaceName => _socket.InterfaceName;

    public static NeighbourAnnouncer Open(string interfaceName, string? netns = null) =>
        new(PacketSocket.Open(interfaceName, netns, PacketSocket.EthPNone));

    /// <summary>One gratuitous ARP request for <paramref name="address"/> from <paramref name="senderMac"/> (interface MAC or VMAC).</summary>
    public void SendGratuitousArp(IPAddress address, PhysicalAddress senderMac) =>
        _socket.Send(ArpFrame.BuildGratuitous(senderMac, address));

    /// <summary>One unsolicited NA (override) for <paramref name="target"/>, sent from <paramref name="source"/> (the interface's link-local address).</summary>
    public void SendUnsolicitedNeighbourAdvertisement(IPAddress target, PhysicalAddress senderMac, IPAddress source, bool router = false) =>
        _socket.Send(NeighbourAdvertisementFrame.BuildUnsolicited(senderMac, source, target, router));

    public void Dispose() => _socket.Dispose();
}
