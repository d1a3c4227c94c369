using System.Buffers.Binary;
using System.Net;
using Director.Core.Vrrp;
using Director.Native.Sockets;
using Director.TestSupport.Netns;

namespace Director.Native.Tests.Netns;

[Collection(NetnsCollection.Name)]
public sealed class VrrpSocketTests
{
    // Arbitrary bytes shaped like a VRRP header; this layer does not interpret them.
    private static readonly byte[] PayloadV4 = [0x21, 51, 100, 1, 0, 1, 0xab, 0xcd, 198, 51, 100, 10, 0, 0, 0, 0, 0, 0, 0, 0];
    private static readonly byte[] PayloadV6 = [0x31, 51, 100, 1, 0x00, 0x64, 0, 0, .. IPAddress.Parse("2001:db8::10").GetAddressBytes()];

    private static async Task<ReceivedVrrpPacket> Receive(IVrrpSocket socket, double seconds = 5)
    {
        using var deadline = TwoHosts.Deadline(seconds);
        try
        {
            return await socket.ReceiveAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"nothing received on {socket.InterfaceName} within {seconds} s");
        }
    }

    [Fact]
    public async Task Ipv4_multicast_from_a_is_received_by_b_with_ttl_255_and_our_source()
    {
        using var hosts = TwoHosts.Create();
        using var receiver = VrrpSocketV4.Open(TwoHosts.Interface, hosts.B.Name);
        using var sender = VrrpSocketV4.Open(TwoHosts.Interface, hosts.A.Name);

        sender.Send(PayloadV4, VrrpProtocol.MulticastV4, TwoHosts.A4);
        var packet = await Receive(receiver);

        Assert.Equal(TwoHosts.A4, packet.Source);
        Assert.Equal(VrrpProtocol.MulticastV4, packet.Destination);
        Assert.Equal(255, packet.HopLimit);
        Assert.Equal(PayloadV4, packet.Payload.ToArray());
        Assert.Equal(receiver.InterfaceIndex, hosts.B.Run(() => (int)System.Net.NetworkInformation.NetworkInterface.GetAllNetworkInterfaces()
            .First(n => n.Name == TwoHosts.Interface).GetIPProperties().GetIPv4Properties().Index));
    }

    [Fact]
    public async Task Ipv4_multicast_is_not_looped_back_to_the_sender()
    {
        using var hosts = TwoHosts.Create();
        using var sender = VrrpSocketV4.Open(TwoHosts.Interface, hosts.A.Name);

        sender.Send(PayloadV4, VrrpProtocol.MulticastV4, TwoHosts.A4);

        await Assert.ThrowsAsync<TimeoutException>(() => Receive(sender, 0.5));
    }

    [Fact]
    public async Task Ipv4_unicast_without_source_gets_the_interface_address_and_ttl_255()
    {
        using var hosts = TwoHosts.Create();
        using var receiver = VrrpSocketV4.Open(TwoHosts.Interface, hosts.B.Name, joinMulticast: false);
        using var sender = VrrpSocketV4.Open(TwoHosts.Interface, hosts.A.Name, joinMulticast: false);

        sender.Send(PayloadV4, TwoHosts.B4);
        var packet = await Receive(receiver);

        Assert.Equal(TwoHosts.A4, packet.Source);
        Assert.Equal(TwoHosts.B4, packet.Destination);
        Assert.Equal(255, packet.HopLimit);
        Assert.Equal(PayloadV4, packet.Payload.ToArray());
    }

    [Fact]
    public async Task Tos_is_0xC0_on_the_wire()
    {
        using var hosts = TwoHosts.Create();
        using var capture = PacketSocket.Open(TwoHosts.Interface, hosts.B.Name, 0x0800);
        using var sender = VrrpSocketV4.Open(TwoHosts.Interface, hosts.A.Name);

        sender.Send(PayloadV4, VrrpProtocol.MulticastV4, TwoHosts.A4);

        using var deadline = TwoHosts.Deadline();
        while (true)
        {
            var frame = await capture.ReceiveAsync(deadline.Token);
            if (!Ipv4HeaderCodec.TryRead(frame.AsSpan(14), out var header) || header.Protocol != VrrpProtocol.IpProtocol) continue;
            Assert.Equal(0xC0, header.Tos);
            Assert.Equal(255, header.Ttl);
            Assert.Equal(new byte[] { 0x01, 0x00, 0x5e, 0x00, 0x00, 0x12 }, frame[..6]);
            return;
        }
    }

    [Fact]
    public async Task Ipv6_multicast_is_received_with_hop_limit_255_destination_and_kernel_checksum()
    {
        using var hosts = TwoHosts.Create();
        using var receiver = VrrpSocketV6.Open(TwoHosts.Interface, hosts.B.Name);
        using var sender = VrrpSocketV6.Open(TwoHosts.Interface, hosts.A.Name);

        sender.Send(PayloadV6, VrrpProtocol.MulticastV6);
        var packet = await Receive(receiver);

        Assert.True(packet.Source.IsIPv6LinkLocal, $"source {packet.Source} should be A's link-local address");
        Assert.Equal(VrrpProtocol.MulticastV6, packet.Destination);
        Assert.Equal(255, packet.HopLimit);
        Assert.Equal(receiver.InterfaceIndex, packet.InterfaceIndex);
        var payload = packet.Payload.ToArray();
        Assert.Equal(PayloadV6.Length, payload.Length);
        Assert.Equal(PayloadV6[..6], payload[..6]);
        Assert.Equal(PayloadV6[8..], payload[8..]);
        Assert.Equal(0, PseudoHeaderChecksum(packet.Source, packet.Destination, payload));
    }

    [Fact]
    public async Task Ipv6_unicast_with_explicit_source_is_received_with_hop_limit_255()
    {
        using var hosts = TwoHosts.Create();
        using var receiver = VrrpSocketV6.Open(TwoHosts.Interface, hosts.B.Name, joinMulticast: false);
        using var sender = VrrpSocketV6.Open(TwoHosts.Interface, hosts.A.Name, joinMulticast: false);

        sender.Send(PayloadV6, TwoHosts.B6, TwoHosts.A6);
        var packet = await Receive(receiver);

        Assert.Equal(TwoHosts.A6, packet.Source);
        Assert.Equal(TwoHosts.B6, packet.Destination);
        Assert.Equal(255, packet.HopLimit);
        Assert.Equal(0, PseudoHeaderChecksum(packet.Source, packet.Destination, packet.Payload.ToArray()));
    }

    [Fact]
    public void Opening_on_a_missing_interface_fails_with_the_errno()
    {
        using var hosts = TwoHosts.Create();
        var failure = Assert.Throws<KernelCallException>(() => VrrpSocketV4.Open("nosuch0", hosts.A.Name));
        Assert.Equal(19, failure.Errno); // ENODEV
        Assert.Throws<FileNotFoundException>(() => VrrpSocketV6.Open("eth0", hosts.A.Name + "-missing"));
    }

    /// <summary>keepalived sends IPv6 adverts with traffic class 0xC0 (its IPV6_TCLASS); director matches it byte for byte.</summary>
    [Fact]
    public async Task Ipv6_traffic_class_is_0xC0_and_hop_limit_255_on_the_wire()
    {
        using var hosts = TwoHosts.Create();
        using var capture = PacketSocket.Open(TwoHosts.Interface, hosts.B.Name, PacketSocket.EthPIpv6);
        using var sender = VrrpSocketV6.Open(TwoHosts.Interface, hosts.A.Name);

        sender.Send(PayloadV6, VrrpProtocol.MulticastV6);

        using var deadline = TwoHosts.Deadline();
        while (true)
        {
            var frame = await capture.ReceiveAsync(deadline.Token);
            var ip = frame.AsSpan(14);
            if (ip.Length < 40 || ip[6] != VrrpProtocol.IpProtocol) continue;
            Assert.Equal(0xC0, (int)((BinaryPrimitives.ReadUInt32BigEndian(ip) >> 20) & 0xff));
            Assert.Equal(255, ip[7]);
            Assert.Equal(new byte[] { 0x33, 0x33, 0x00, 0x00, 0x00, 0x12 }, frame[..6]);
            return;
        }
    }

    /// <summary>
    /// IPV6_CHECKSUM on the receiving socket makes the kernel verify the pseudo-header checksum
    /// (RFC 5798 section 5.2.8) and drop a bad one before director sees it, as keepalived relies on.
    /// The adverts go out as whole Ethernet frames, so their checksum is exactly as written.
    /// </summary>
    [Fact]
    public async Task Ipv6_advert_with_a_bad_checksum_never_reaches_the_socket()
    {
        using var hosts = TwoHosts.Create();
        using var receiver = VrrpSocketV6.Open(TwoHosts.Interface, hosts.B.Name);
        using var sender = PacketSocket.Open(TwoHosts.Interface, hosts.A.Name, PacketSocket.EthPIpv6);

        sender.Send(MulticastFrame(AdvertFrom(TwoHosts.A6, priority: 99, corrupt: true)));
        sender.Send(MulticastFrame(AdvertFrom(TwoHosts.A6, priority: 100, corrupt: false)));
        var packet = await Receive(receiver);

        Assert.Equal(100, packet.Payload.Span[2]);
        Assert.Equal(0, PseudoHeaderChecksum(packet.Source, packet.Destination, packet.Payload.ToArray()));
    }

    private static byte[] AdvertFrom(IPAddress source, byte priority, bool corrupt)
    {
        byte[] payload = [.. PayloadV6];
        payload[2] = priority;
        var checksum = PseudoHeaderChecksum(source, VrrpProtocol.MulticastV6, payload);
        BinaryPrimitives.WriteUInt16BigEndian(payload.AsSpan(6), corrupt ? (ushort)(checksum ^ 0x5555) : checksum);
        return payload;
    }

    /// <summary>Ethernet (33:33:00:00:00:12 from a made-up MAC) + IPv6 (A6 to ff02::12, hop limit 255, next header 112) + <paramref name="payload"/>.</summary>
    private static byte[] MulticastFrame(byte[] payload)
    {
        var frame = new byte[14 + 40 + payload.Length];
        byte[] ethernet = [0x33, 0x33, 0, 0, 0, 0x12, 0x02, 0, 0, 0, 0, 0x0a, 0x86, 0xdd];
        ethernet.CopyTo(frame, 0);
        var ip = frame.AsSpan(14, 40);
        ip[0] = 0x60;
        BinaryPrimitives.WriteUInt16BigEndian(ip[4..], (ushort)payload.Length);
        ip[6] = VrrpProtocol.IpProtocol;
        ip[7] = VrrpProtocol.HopLimit;
        TwoHosts.A6.TryWriteBytes(ip[8..24], out _);
        VrrpProtocol.MulticastV6.TryWriteBytes(ip[24..40], out _);
        payload.CopyTo(frame, 54);
        return frame;
    }

    private static ushort PseudoHeaderChecksum(IPAddress source, IPAddress destination, byte[] payload) =>
        InternetChecksum.Finish(InternetChecksum.Accumulate(payload, InternetChecksum.PseudoHeader(source, destination, VrrpProtocol.IpProtocol, payload.Length)));
}
