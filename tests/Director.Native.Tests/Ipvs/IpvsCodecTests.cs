using System.Net;
using System.Net.Sockets;
using Director.Native.Ipvs;
using K = Director.Native.Tests.Ipvs.KernelReplies;
using Director.Native.Netlink;

namespace Director.Native.Tests.Ipvs;

public sealed class IpvsCodecTests
{
    private const ushort Id = 0x4242;

    // Captured from Debian's ipvsadm 1.31 (sequence and port id zeroed; family id 0x4242 from the shim).
    private const string IpvsadmAddTcpServiceRr =
        "68000000424205000000000000000000010100005400018006000100020000000600020006000000140003000a000001000000000000000000000000"
        + "060004000050000007000600727200000c00070000000000ffffffff080008000000000008000900ffffffff";

    private const string IpvsadmAddNatDestinationWithThresholds =
        "c8000000424205000000000000000000050100005400018006000100020000000600020006000000140003000a000001000000000000000000000000"
        + "060004000050000005000600000000000c00070000000000ffffffff080008000000000008000900ffffffff6000028006000b000200000014000100"
        + "c0a8011400000000000000000000000006000200005000000800030000000000080004000300000005000d000000000006000e000000000006000f00"
        + "000000000800050064000000080006000a000000";

    private const string IpvsadmAddIpv6FwmarkShPersistent =
        "4c0000004242050000000000000000000101000038000180060001000a000000080005000700000007000600736800000c00070019000000ffffffff"
        + "080008002c0100000800090080000000";

    private static readonly IpvsServiceKey Tcp80 = IpvsServiceKey.ForAddress(6, IPAddress.Parse("10.0.0.1"), 80);

    [Fact]
    public void New_service_is_byte_for_byte_ipvsadms()
    {
        var bytes = IpvsMessageEncoder.NewService(Id, new IpvsService { Key = Tcp80, Scheduler = "rr" });

        Assert.Equal(IpvsadmAddTcpServiceRr, Convert.ToHexString(bytes).ToLowerInvariant());
    }

    [Fact]
    public void New_destination_is_byte_for_byte_ipvsadms()
    {
        var bytes = IpvsMessageEncoder.NewDestination(Id, Tcp80, new IpvsDestination
        {
            Address = IPAddress.Parse("192.168.1.20"), Port = 80, Forwarding = IpvsForwarding.Masquerade, Weight = 3,
            UpperThreshold = 100, LowerThreshold = 10,
        });

        Assert.Equal(IpvsadmAddNatDestinationWithThresholds, Convert.ToHexString(bytes).ToLowerInvariant());
    }

    [Fact]
    public void IPv6_fwmark_service_is_byte_for_byte_ipvsadms()
    {
        var bytes = IpvsMessageEncoder.NewService(Id, new IpvsService
        {
            Key = IpvsServiceKey.ForFwmark(7, AddressFamily.InterNetworkV6), Scheduler = "sh", TimeoutSeconds = 300,
            Flags = IpvsServiceFlags.Persistent | IpvsServiceFlags.ShPort | IpvsServiceFlags.ShFallback,
        });

        Assert.Equal(IpvsadmAddIpv6FwmarkShPersistent, Convert.ToHexString(bytes).ToLowerInvariant());
    }

    [Fact]
    public void Golden_ipvsadm_bytes_decode_to_the_records()
    {
        var service = IpvsMessageDecoder.DecodeService(Convert.FromHexString(IpvsadmAddIpv6FwmarkShPersistent)).Service;
        Assert.Equal(
            new IpvsService
            {
                Key = IpvsServiceKey.ForFwmark(7, AddressFamily.InterNetworkV6), Scheduler = "sh", TimeoutSeconds = 300, NetmaskPrefix = 128,
                Flags = IpvsServiceFlags.Persistent | IpvsServiceFlags.ShPort | IpvsServiceFlags.ShFallback,
            },
            service);

        var destination = IpvsMessageDecoder.DecodeDestination(Convert.FromHexString(IpvsadmAddNatDestinationWithThresholds));
        Assert.Equal(
            new IpvsDestination
            {
                Address = IPAddress.Parse("192.168.1.20"), Port = 80, Forwarding = IpvsForwarding.Masquerade, Weight = 3,
                UpperThreshold = 100, LowerThreshold = 10,
            },
            destination.Destination);
    }

    [Fact]
    public void Get_family_asks_the_controller_for_IPVS()
    {
        var bytes = GenericNetlinkControl.GetFamily("IPVS");

        Assert.Equal("2000000010000500000000000000000003010000090002004950565300000000", Convert.ToHexString(bytes).ToLowerInvariant());
    }

    [Fact]
    public void Family_id_is_read_from_the_controller_reply()
    {
        var reply = K.Message(0x10, 1, K.U16(1, 0x1d), K.Str(2, "IPVS"), K.U32(3, 1));

        Assert.Equal(0x1d, GenericNetlinkControl.DecodeFamilyId(reply));
    }

    [Fact]
    public void Service_dump_part_decodes_with_64_bit_statistics()
    {
        var reply = K.Service(Id, 2, 6, IPAddress.Parse("10.0.0.1"), 80, "wlc", flags: 0x3, timeout: 300, netmask: 0x00ffffff);

        var entry = IpvsMessageDecoder.DecodeService(reply);

        Assert.Equal(Tcp80, entry.Service.Key);
        Assert.Equal("wlc", entry.Service.Scheduler);
        Assert.Equal(IpvsServiceFlags.Persistent | IpvsServiceFlags.Hashed, entry.Service.Flags);
        Assert.Equal(300u, entry.Service.TimeoutSeconds);
        Assert.Equal(24, entry.Service.NetmaskPrefix);
        Assert.Equal(new IpvsStats(1000, 1001, 1002, 1003, 1004, 1005, 1006, 1007, 1008, 1009), entry.Stats);
    }

    [Fact]
    public void Service_dump_part_without_stats64_uses_the_32_bit_statistics()
    {
        var full = K.Message(Id, 1, K.Nest(1,
            K.U16(1, 10), K.U16(2, 17), K.Address(3, IPAddress.Parse("2001:db8::1")), K.Be16(4, 53), K.Str(6, "rr"),
            K.U32(8, 0), K.U32(9, 64), K.Stats32(10, 100)));

        var entry = IpvsMessageDecoder.DecodeService(full);

        Assert.Equal(IpvsServiceKey.ForAddress(17, IPAddress.Parse("2001:db8::1"), 53), entry.Service.Key);
        Assert.Equal(64, entry.Service.NetmaskPrefix);
        Assert.Equal(IpvsServiceFlags.None, entry.Service.Flags);
        Assert.Equal(new IpvsStats(100, 101, 102, 103, 104, 105, 106, 107, 108, 109), entry.Stats);
    }

    [Fact]
    public void Fwmark_service_dump_part_decodes()
    {
        var entry = IpvsMessageDecoder.DecodeService(K.FwmarkService(Id, 2, 42, "sh", 0x2));

        Assert.Equal(IpvsServiceKey.ForFwmark(42), entry.Service.Key);
        Assert.Equal(32, entry.Service.NetmaskPrefix);
    }

    [Fact]
    public void Destination_dump_part_decodes_connections_tunnel_and_statistics()
    {
        var reply = K.Destination(Id, IPAddress.Parse("192.168.1.21"), 8080, method: 2, weight: 5, active: 7, inactive: 3, persistent: 2);

        var entry = IpvsMessageDecoder.DecodeDestination(reply);

        Assert.Equal(
            new IpvsDestination
            {
                Address = IPAddress.Parse("192.168.1.21"), Port = 8080, Forwarding = IpvsForwarding.Tunnel, Weight = 5,
                UpperThreshold = 100, LowerThreshold = 10, TunnelType = IpvsTunnelType.Gre, TunnelPort = 6080, TunnelFlags = IpvsTunnelFlags.Checksum,
            },
            entry.Destination);
        Assert.Equal((7u, 3u, 2u), (entry.ActiveConnections, entry.InactiveConnections, entry.PersistentConnections));
        Assert.Equal(70ul, entry.Stats.Connections);
        Assert.Equal(79ul, entry.Stats.OutBytesPerSecond);
    }

    [Fact]
    public void Destination_without_address_family_takes_the_services()
    {
        var reply = K.Destination(Id, IPAddress.Parse("2001:db8::20"), 80, 0, 1, withFamily: false);

        var entry = IpvsMessageDecoder.DecodeDestination(reply, AddressFamily.InterNetworkV6);

        Assert.Equal(IPAddress.Parse("2001:db8::20"), entry.Destination.Address);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(8)]
    [InlineData(24)]
    [InlineData(31)]
    [InlineData(32)]
    public void IPv4_netmask_travels_as_the_mask_in_network_order(int prefix)
    {
        var raw = IpvsMessageEncoder.EncodeNetmask(AddressFamily.InterNetwork, prefix);

        var mask = prefix == 0 ? 0u : uint.MaxValue << (32 - prefix);
        Assert.Equal(BitConverter.GetBytes(System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(mask)), BitConverter.GetBytes(raw));
        Assert.Equal(prefix, IpvsMessageDecoder.DecodeNetmask(AddressFamily.InterNetwork, raw));
    }

    [Fact]
    public void IPv6_netmask_travels_as_the_prefix_length()
    {
        Assert.Equal(64u, IpvsMessageEncoder.EncodeNetmask(AddressFamily.InterNetworkV6, 64));
        Assert.Equal(64, IpvsMessageDecoder.DecodeNetmask(AddressFamily.InterNetworkV6, 64));
        Assert.Throws<ArgumentOutOfRangeException>(() => IpvsMessageEncoder.EncodeNetmask(AddressFamily.InterNetworkV6, 0));
    }

    [Fact]
    public void Destination_dump_request_carries_the_service_key_only()
    {
        var bytes = IpvsMessageEncoder.GetDestinations(Id, Tcp80);
        var parsed = GenericNetlinkMessage.Parse(bytes);

        Assert.Equal(0x0305, parsed.Flags);
        Assert.Equal(8, parsed.Command);
        var nest = Assert.Single(parsed.Attributes);
        Assert.Equal(new ushort[] { 1, 2, 3, 4 }, nest.Nested().Select(a => a.Type));
        Assert.Equal(new ushort[] { 1, 5 }, GenericNetlinkMessage.Parse(IpvsMessageEncoder.GetDestinations(Id, IpvsServiceKey.ForFwmark(3)))
            .Attributes[0].Nested().Select(a => a.Type));
    }

    [Fact]
    public void Service_whose_address_family_differs_from_its_address_is_refused()
    {
        var key = new IpvsServiceKey { Family = AddressFamily.InterNetworkV6, Protocol = 6, Address = IPAddress.Parse("10.0.0.1"), Port = 80 };

        Assert.Throws<ArgumentException>(() => IpvsMessageEncoder.NewService(Id, new IpvsService { Key = key }));
        Assert.Throws<ArgumentException>(() => IpvsMessageEncoder.DeleteService(Id, new IpvsServiceKey { Protocol = 6, Port = 80 }));
    }

    [Fact]
    public void Truncated_attributes_and_messages_are_format_errors()
    {
        Assert.Throws<FormatException>(() => NetlinkMessageReader.ReadAttributes(new byte[] { 8, 0, 1, 0, 0 }, strict: true));
        Assert.Throws<FormatException>(() => NetlinkMessageReader.ReadAttributes(new byte[] { 2, 0, 1, 0 }, strict: true));
        Assert.Throws<FormatException>(() => GenericNetlinkMessage.Parse(new byte[10]));
        Assert.Throws<FormatException>(() => GenericNetlinkMessage.Split(new byte[] { 100, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }));
        Assert.Throws<FormatException>(() => IpvsMessageDecoder.DecodeService(K.Message(Id, 1, K.U16(9, 1))));
    }

    [Fact]
    public void Several_messages_in_one_buffer_are_split()
    {
        var a = IpvsMessageEncoder.Flush(Id);
        var b = IpvsMessageEncoder.NewService(Id, new IpvsService { Key = Tcp80 });

        var parts = GenericNetlinkMessage.Split(a.Concat(b).ToArray());

        Assert.Equal(2, parts.Count);
        Assert.Equal(b, parts[1].ToArray());
    }
}
