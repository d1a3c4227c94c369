using System.Net;
using System.Net.Sockets;
using Director.Actors.Native;
using Director.Actors.Vrrp;
using Director.Core.Config.Model;
using Director.Core.Vrrp;
using Director.Core.Vrrp.Sync;

namespace Director.Actors.Tests.Vrrp;

/// <summary>Instance settings for actor tests: VRRPv3 at 100 ms so that timers run in fractions of a second.</summary>
public static class InstanceFixtures
{
    public static readonly IPAddress Local = IPAddress.Parse("10.9.0.2");
    public static readonly IPAddress Peer = IPAddress.Parse("10.9.0.3");
    public static readonly IPAddress Vip = IPAddress.Parse("10.9.0.100");

    public static VrrpInstanceSettings Settings(byte priority = 100, string? syncGroup = null, IReadOnlyList<TrackedItem>? tracking = null,
        Director.Core.Vrrp.VrrpState initial = Director.Core.Vrrp.VrrpState.Backup, int intervalMs = 100)
    {
        var interval = TimeSpan.FromMilliseconds(intervalMs);
        var vips = new EquatableList<IPAddress>([Vip]);
        return new VrrpInstanceSettings(
            "VI_1", "eth0",
            new VrrpInstanceConfig(VrrpVersion.V3, 51, priority, interval, Local, initial, GarpMasterDelay: TimeSpan.FromSeconds(5)),
            new VrrpReceiveSettings(VrrpVersion.V3, 51, AddressFamily.InterNetwork, interval, vips, new EquatableList<IPAddress>([Local])),
            Local,
            [VrrpWire.MulticastGroupV4],
            [new VipAddressSpec("eth0", Vip, 32)],
            [],
            tracking ?? [],
            ApplyTrackingWeights: true,
            syncGroup,
            NotifyCommands.None);
    }

    /// <summary>An advert from the peer as the receiver hands it over (IPv4 datagram with its header).</summary>
    public static VrrpDatagram AdvertFromPeer(byte priority, int intervalMs = 100)
    {
        var packet = VrrpPacket.Advertisement(VrrpVersion.V3, 51, priority, new EquatableList<IPAddress>([Vip]), TimeSpan.FromMilliseconds(intervalMs));
        var datagram = VrrpPacketCodec.EncodeIpv4Datagram(packet, Peer, VrrpWire.MulticastGroupV4, 1);
        return new VrrpDatagram(datagram, Peer, VrrpWire.MulticastGroupV4, 255);
    }
}
