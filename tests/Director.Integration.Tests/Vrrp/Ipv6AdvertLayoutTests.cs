using System.Net;
using Director.Core.Vrrp;
using Director.TestSupport.Netns;
using Xunit.Abstractions;

namespace Director.Integration.Tests.Vrrp;

/// <summary>
/// The same instance run by director and then by keepalived in one namespace (so the same
/// link-local source and MAC), each captured with tcpdump: the VRRPv3 adverts must be equal byte
/// for byte (fields and checksum), the IPv6 headers equal but for the flow label (the kernel
/// picks one per socket; equal here, both hashes of one source), and the unsolicited neighbour
/// advertisements for the VIP equal too.
/// </summary>
[Collection(NetnsCollection.Name)]
public sealed class Ipv6AdvertLayoutTests(ITestOutputHelper output)
{
    private const byte Vrid = 62;
    private const byte Priority = 150;

    [Fact]
    public void Director_sends_the_same_ipv6_advert_and_neighbour_advertisement_as_keepalived()
    {
        using var segment = VrrpSegment.CreateIpv6(Implementation.Director);
        var director = segment.Nodes[0];
        using var keepalived = new VrrpNode(director.Namespace, Implementation.Keepalived, "n0K");
        var vip = segment.Vip6(0);
        var config = new NodeConfig([new VrrpInstanceSpec("VI_6", "eth0", Vrid, Priority, [vip], Version: null, AdvertInterval: 0.1, State: "MASTER", VipPrefixLength: 64)]);
        var linkLocal = director.LinkLocal("eth0")!;

        var fromDirector = Capture(director, config, vip, segment);
        var fromKeepalived = Capture(keepalived, config, vip, segment);

        var (directorAdvert, keepalivedAdvert) = (FirstAdvert(fromDirector, "director"), FirstAdvert(fromKeepalived, "keepalived"));
        output.WriteLine($"director   {Convert.ToHexString(directorAdvert.Frame)}");
        output.WriteLine($"keepalived {Convert.ToHexString(keepalivedAdvert.Frame)}");
        // RFC 5798 section 5.1.2: from the interface's link-local address to ff02::12, hop limit 255, next header 112.
        Assert.Equal(linkLocal, directorAdvert.Source);
        Assert.Equal(IPAddress.Parse("ff02::12"), directorAdvert.Destination);
        Assert.Equal(255, directorAdvert.HopLimit);
        Assert.Equal(VrrpWire.IpProtocol, directorAdvert.NextHeader);
        // RFC 5798 section 5.2.8: the checksum covers the IPv6 pseudo-header.
        Assert.True(VrrpPacketCodec.VerifyChecksum(VrrpVersion.V3, directorAdvert.Payload, directorAdvert.Source, directorAdvert.Destination),
            $"director's checksum does not verify: {Convert.ToHexString(directorAdvert.Payload)}");
        Assert.Equal(Convert.ToHexString(keepalivedAdvert.Ethernet), Convert.ToHexString(directorAdvert.Ethernet));
        Assert.Equal(keepalivedAdvert.TrafficClass, directorAdvert.TrafficClass);
        Assert.Equal(keepalivedAdvert.PayloadLength, directorAdvert.PayloadLength);
        Assert.Equal(keepalivedAdvert.Source, directorAdvert.Source);
        Assert.Equal(keepalivedAdvert.Destination, directorAdvert.Destination);
        Assert.Equal(keepalivedAdvert.HopLimit, directorAdvert.HopLimit);
        Assert.Equal(Convert.ToHexString(keepalivedAdvert.Payload), Convert.ToHexString(directorAdvert.Payload));

        var (directorNa, keepalivedNa) = (FirstNeighbourAdvert(fromDirector, vip, "director"), FirstNeighbourAdvert(fromKeepalived, vip, "keepalived"));
        output.WriteLine($"director NA   {Convert.ToHexString(directorNa.Frame)}");
        output.WriteLine($"keepalived NA {Convert.ToHexString(keepalivedNa.Frame)}");
        Assert.Equal(Convert.ToHexString(keepalivedNa.Ethernet), Convert.ToHexString(directorNa.Ethernet));
        Assert.Equal(keepalivedNa.TrafficClass, directorNa.TrafficClass);
        // keepalived 2.2.7 sends its unsolicited NA from the VIP itself (not the link-local address).
        Assert.Equal(keepalivedNa.Source, directorNa.Source);
        Assert.Equal(keepalivedNa.Destination, directorNa.Destination);
        Assert.Equal(keepalivedNa.HopLimit, directorNa.HopLimit);
        Assert.Equal(Convert.ToHexString(keepalivedNa.Payload), Convert.ToHexString(directorNa.Payload));
    }

    /// <summary>Runs <paramref name="node"/> alone as MASTER for a second of adverts, then kill -9 (no priority-0 advert) and removes the VIP it left.</summary>
    private IReadOnlyList<Ipv6Frame> Capture(VrrpNode node, NodeConfig config, string vip, VrrpSegment segment)
    {
        var capture = PcapCapture.Start(node.Namespace, "eth0", Path.Combine(node.Folder, "capture.pcap"), "ip6");
        node.WriteConfig(config);
        node.Start();
        Assert.True(Poll.Until(() => node.Holds(vip), TimeSpan.FromSeconds(15), TimeSpan.FromMilliseconds(20)),
            $"{node.Name} never took {vip}\n{node.Log()}");
        Thread.Sleep(1000);
        node.Kill();
        var frames = capture.Stop().Select(Ipv6Frame.TryParse).OfType<Ipv6Frame>().ToList();
        node.ForgetAddress(vip, "eth0", 64);
        output.WriteLine($"{node.Name}: {frames.Count} IPv6 frames");
        Assert.True(frames.Count > 0, $"{node.Name}: nothing captured\n{segment.Logs()}\n{node.Log()}");
        return frames;
    }

    private static Ipv6Frame FirstAdvert(IReadOnlyList<Ipv6Frame> frames, string who) =>
        frames.FirstOrDefault(f => f.NextHeader == VrrpWire.IpProtocol && f.Payload is [_, Vrid, Priority, ..])
        ?? throw new Xunit.Sdk.XunitException($"{who}: no advert of VRID {Vrid} at priority {Priority} among {frames.Count} frames");

    private static Ipv6Frame FirstNeighbourAdvert(IReadOnlyList<Ipv6Frame> frames, string vip, string who)
    {
        var target = IPAddress.Parse(vip);
        return frames.FirstOrDefault(f => f.NextHeader == 58 && f.Payload is [136, ..] && f.Payload.Length >= 24 && new IPAddress(f.Payload.AsSpan(8, 16)).Equals(target))
            ?? throw new Xunit.Sdk.XunitException($"{who}: no neighbour advertisement for {vip} among {frames.Count} frames: "
                + string.Join(", ", frames.Select(f => $"{f.NextHeader}/{(f.Payload.Length > 0 ? f.Payload[0] : -1)}")));
    }
}
