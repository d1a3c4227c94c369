using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Director.Core.Vrrp;

namespace Director.Core.Tests.Vrrp;

public class VrrpReceiveValidatorTests
{
    private static readonly IPAddress Peer = Ips.A("192.0.2.1");
    private static readonly IPAddress Group = VrrpWire.MulticastGroupV4;

    private static readonly VrrpReceiveSettings V2 = new(VrrpVersion.V2, 51, AddressFamily.InterNetwork,
        TimeSpan.FromSeconds(1), Ips.Of("192.0.2.100", "192.0.2.101"), Ips.Of("192.0.2.2"), VrrpAuthType.Pass, "secret12");

    private static readonly VrrpReceiveSettings V3 = new(VrrpVersion.V3, 52, AddressFamily.InterNetwork,
        TimeSpan.FromSeconds(1), Ips.Of("192.0.2.110"), Ips.Of("192.0.2.2"));

    private static readonly VrrpReceiveSettings V6 = new(VrrpVersion.V3, 53, AddressFamily.InterNetworkV6,
        TimeSpan.FromSeconds(1), Ips.Of("fe80::100", "2001:db8::100"), Ips.Of("fe80::b"));

    /// <summary>Builds an IPv4 datagram as keepalived would, from a packet that may be deliberately wrong.</summary>
    private static byte[] Datagram(VrrpPacket packet, IPAddress? source = null, IPAddress? destination = null, byte ttl = 255)
    {
        var bytes = VrrpPacketCodec.EncodeIpv4Datagram(packet, source ?? Peer, destination ?? Group, 1);
        bytes[8] = ttl;
        return bytes;
    }

    private static VrrpPacket V2Packet(byte priority = 200, string password = "secret12", int interval = 1) =>
        VrrpPacket.Advertisement(VrrpVersion.V2, 51, priority, Ips.Of("192.0.2.100", "192.0.2.101"),
            TimeSpan.FromSeconds(interval), VrrpAuthType.Pass, password);

    private static VrrpPacket V3Packet(byte priority = 150, double interval = 0.5) =>
        VrrpPacket.Advertisement(VrrpVersion.V3, 52, priority, Ips.Of("192.0.2.110"), TimeSpan.FromSeconds(interval));

    private static VrrpDropReason? Drop(byte[] datagram, VrrpReceiveSettings settings) =>
        VrrpReceiveValidator.ValidateIpv4(datagram, settings).DropReason;

    /// <summary>Rewrites the VRRP checksum after a manual edit, so that only the intended check fails.</summary>
    private static byte[] FixChecksum(byte[] datagram, VrrpVersion version)
    {
        var message = datagram.AsSpan(20);
        BinaryPrimitives.WriteUInt16BigEndian(message[6..], VrrpPacketCodec.ComputeChecksum(version, message, Peer, Group));
        return datagram;
    }

    [Fact]
    public void Valid_v2_and_v3_adverts_are_accepted_with_their_source()
    {
        var v2 = VrrpReceiveValidator.ValidateIpv4(Datagram(V2Packet()), V2);
        Assert.True(v2.Accepted);
        Assert.Equal(Peer, v2.Advert!.Source);
        Assert.Equal(255, v2.Advert.TtlOrHopLimit);
        Assert.Null(Drop(Datagram(V3Packet()), V3));
    }

    [Fact]
    public void Short_datagrams_are_truncated()
    {
        var whole = Datagram(V2Packet());
        Assert.Equal(VrrpDropReason.Truncated, Drop(whole[..10], V2));
        Assert.Equal(VrrpDropReason.Truncated, Drop(whole[..24], V2));
        Assert.Equal(VrrpDropReason.Truncated, Drop(whole[..^1], V2));
    }

    [Fact]
    public void Extra_bytes_are_a_length_mismatch()
    {
        Assert.Equal(VrrpDropReason.LengthMismatch, Drop([.. Datagram(V2Packet()), 0, 0, 0, 0], V2));
    }

    [Fact]
    public void Other_protocols_are_not_vrrp()
    {
        var datagram = Datagram(V2Packet());
        datagram[9] = 17;
        Assert.Equal(VrrpDropReason.NotVrrp, Drop(datagram, V2));
    }

    [Fact]
    public void Ah_header_without_ah_configured_is_an_ah_mismatch_and_ah_configured_is_unsupported()
    {
        var datagram = Datagram(V2Packet());
        datagram[9] = VrrpWire.IpProtocolAh;
        Assert.Equal(VrrpDropReason.AhMismatch, Drop(datagram, V2));
        var ah = V2 with { AuthType = VrrpAuthType.Ah };
        Assert.Equal(VrrpDropReason.AhMismatch, Drop(Datagram(V2Packet()), ah));
        Assert.Equal(VrrpDropReason.AhUnsupported, Drop(datagram, ah));
    }

    [Fact]
    public void Other_vrids_are_foreign()
    {
        Assert.Equal(VrrpDropReason.ForeignVrid, Drop(Datagram(V2Packet() with { Vrid = 52 }), V2));
    }

    [Fact]
    public void Our_own_adverts_are_dropped()
    {
        Assert.Equal(VrrpDropReason.OwnSourceAddress, Drop(Datagram(V2Packet(), source: Ips.A("192.0.2.2")), V2));
    }

    [Fact]
    public void Ttl_must_be_255_on_multicast_but_not_on_unicast()
    {
        Assert.Equal(VrrpDropReason.TtlNot255, Drop(Datagram(V3Packet(), ttl: 254), V3));
        var unicast = V3 with { UnicastPeers = Ips.Of("192.0.2.1") };
        Assert.Null(Drop(Datagram(V3Packet(), destination: Ips.A("192.0.2.2"), ttl: 64), unicast));
    }

    [Fact]
    public void Other_versions_are_wrong()
    {
        // A v3 advert of the right VRID and length layout for v3 reaching a v2 instance.
        var v3For51 = VrrpPacket.Advertisement(VrrpVersion.V3, 51, 100, Ips.Of("192.0.2.100", "192.0.2.101"), TimeSpan.FromSeconds(1));
        Assert.Equal(VrrpDropReason.WrongVersion, Drop(Datagram(v3For51), V2));
        var datagram = Datagram(V3Packet());
        datagram[20] = 0x41;
        Assert.Equal(VrrpDropReason.WrongVersion, Drop(datagram, V3));
    }

    [Fact]
    public void Invalid_and_mismatched_auth_types()
    {
        var datagram = Datagram(V2Packet());
        datagram[24] = 3;
        Assert.Equal(VrrpDropReason.InvalidAuthType, Drop(FixChecksum(datagram, VrrpVersion.V2), V2));
        var none = V2Packet() with { AuthType = VrrpAuthType.None };
        Assert.Equal(VrrpDropReason.AuthTypeMismatch, Drop(Datagram(none), V2));
    }

    [Fact]
    public void Passwords_compare_on_8_bytes()
    {
        Assert.Equal(VrrpDropReason.PasswordMismatch, Drop(Datagram(V2Packet(password: "secret13")), V2));
        // keepalived truncates at 8: a longer configured password equals its first 8 bytes.
        Assert.Null(Drop(Datagram(V2Packet(password: "secret12345")), V2 with { Password = "secret12xyz" }));
    }

    [Fact]
    public void V2_interval_mismatch_is_dropped_but_v3_accepts_another_interval()
    {
        Assert.Equal(VrrpDropReason.AdvertIntervalMismatch, Drop(Datagram(V2Packet(interval: 2)), V2));
        var accepted = VrrpReceiveValidator.ValidateIpv4(Datagram(V3Packet(interval: 0.5)), V3);
        Assert.True(accepted.Accepted);
        Assert.Equal(TimeSpan.FromMilliseconds(500), accepted.Advert!.Packet.AdvertInterval);
    }

    [Fact]
    public void Other_types_are_wrong()
    {
        Assert.Equal(VrrpDropReason.WrongType, Drop(Datagram(V3Packet() with { Type = 2 }), V3));
    }

    [Fact]
    public void Address_count_must_match()
    {
        var fewer = V2Packet() with { Addresses = Ips.Of("192.0.2.100") };
        Assert.Equal(VrrpDropReason.AddressCountMismatch, Drop(Datagram(fewer), V2));
    }

    [Fact]
    public void Ip_total_length_must_match_what_was_received()
    {
        var datagram = Datagram(V3Packet());
        BinaryPrimitives.WriteUInt16BigEndian(datagram.AsSpan(2), 40);
        Assert.Equal(VrrpDropReason.IpTotalLengthMismatch, Drop(datagram, V3));
    }

    [Fact]
    public void Bad_checksums_are_dropped()
    {
        var v2 = Datagram(V2Packet());
        v2[26] ^= 0xFF;
        Assert.Equal(VrrpDropReason.BadChecksum, Drop(v2, V2));
        var v3 = Datagram(V3Packet());
        v3[27] ^= 0x01;
        Assert.Equal(VrrpDropReason.BadChecksum, Drop(v3, V3));
    }

    [Fact]
    public void V3_checksum_without_pseudo_header_is_bad()
    {
        var datagram = Datagram(V3Packet());
        var message = datagram.AsSpan(20);
        BinaryPrimitives.WriteUInt16BigEndian(message[6..], VrrpPacketCodec.ComputeChecksum(VrrpVersion.V2, message, Peer, Group));
        Assert.Equal(VrrpDropReason.BadChecksum, Drop(datagram, V3));
    }

    [Fact]
    public void Unicast_to_a_multicast_instance_and_the_reverse_are_cast_mismatches()
    {
        Assert.Equal(VrrpDropReason.CastMismatch, Drop(Datagram(V3Packet(), destination: Ips.A("192.0.2.2")), V3));
        var unicast = V3 with { UnicastPeers = Ips.Of("192.0.2.1") };
        Assert.Equal(VrrpDropReason.CastMismatch, Drop(Datagram(V3Packet()), unicast));
    }

    [Fact]
    public void Every_vip_must_be_in_the_advert()
    {
        var other = V2Packet() with { Addresses = Ips.Of("192.0.2.100", "192.0.2.199") };
        Assert.Equal(VrrpDropReason.AddressListMismatch, Drop(Datagram(other), V2));
        var reordered = V2Packet() with { Addresses = Ips.Of("192.0.2.101", "192.0.2.100") };
        Assert.Null(Drop(Datagram(reordered), V2));
    }

    [Fact]
    public void Unicast_source_is_checked_only_when_asked()
    {
        var unicast = V3 with { UnicastPeers = Ips.Of("192.0.2.7") };
        var datagram = Datagram(V3Packet(), destination: Ips.A("192.0.2.2"));
        Assert.Null(Drop(datagram, unicast));
        Assert.Equal(VrrpDropReason.NotUnicastPeer, Drop(datagram, unicast with { CheckUnicastSource = true }));
    }

    [Fact]
    public void Ipv6_checks_hop_limit_and_the_rest()
    {
        var payload = KeepalivedPackets.Ipv6Payload(KeepalivedPackets.V3Ipv6);
        var source = Ips.A("fe80::ff:fe00:a");
        Assert.Null(VrrpReceiveValidator.ValidateIpv6(payload, null, source, VrrpWire.MulticastGroupV6, V6).DropReason);
        Assert.Equal(VrrpDropReason.TtlNot255,
            VrrpReceiveValidator.ValidateIpv6(payload, 1, source, VrrpWire.MulticastGroupV6, V6).DropReason);
        Assert.Equal(VrrpDropReason.AddressCountMismatch,
            VrrpReceiveValidator.ValidateIpv6(payload, 255, source, VrrpWire.MulticastGroupV6, V6 with { VirtualAddresses = Ips.Of("fe80::100") }).DropReason);
        Assert.Equal(VrrpDropReason.Truncated,
            VrrpReceiveValidator.ValidateIpv6(payload[..30], 255, source, VrrpWire.MulticastGroupV6, V6).DropReason);
        Assert.Equal(VrrpDropReason.OwnSourceAddress,
            VrrpReceiveValidator.ValidateIpv6(payload, 255, Ips.A("fe80::b"), VrrpWire.MulticastGroupV6, V6).DropReason);
    }

    /// <summary>recvmsg reports a link-local source with the interface as zone (fe80::a%2); configured addresses have none.</summary>
    [Fact]
    public void Ipv6_zone_index_of_the_received_source_is_not_part_of_the_address()
    {
        var payload = KeepalivedPackets.Ipv6Payload(KeepalivedPackets.V3Ipv6);
        var peer = new IPAddress(Ips.A("fe80::ff:fe00:a").GetAddressBytes(), 2);
        var own = new IPAddress(Ips.A("fe80::b").GetAddressBytes(), 2);

        var accepted = VrrpReceiveValidator.ValidateIpv6(payload, 255, peer, VrrpWire.MulticastGroupV6, V6);
        Assert.Equal(Ips.A("fe80::ff:fe00:a"), accepted.Advert!.Source);
        Assert.Equal(0, accepted.Advert.Source.ScopeId);
        Assert.Equal(VrrpDropReason.OwnSourceAddress,
            VrrpReceiveValidator.ValidateIpv6(payload, 255, own, VrrpWire.MulticastGroupV6, V6).DropReason);
        var unicast = V6 with { UnicastPeers = Ips.Of("fe80::ff:fe00:a"), CheckUnicastSource = true };
        Assert.Null(VrrpReceiveValidator.ValidateIpv6(payload, 255, peer, new IPAddress(Ips.A("fe80::b").GetAddressBytes(), 2), unicast).DropReason);
    }

    [Fact]
    public void Every_drop_reason_is_reachable_from_some_test()
    {
        // Guards the distinct-reason contract: adding a reason should come with a test above.
        Assert.Equal(20, Enum.GetValues<VrrpDropReason>().Length);
    }
}
