using System.Net;
using System.Net.NetworkInformation;
using Director.Native.Sockets;

namespace Director.Native.Tests.Sockets;

public class FrameTests
{
    private static readonly PhysicalAddress Mac = PhysicalAddress.Parse("02-11-22-33-44-55");

    [Fact]
    public void Gratuitous_arp_is_a_broadcast_request_with_sender_equal_target()
    {
        var frame = ArpFrame.BuildGratuitous(Mac, IPAddress.Parse("192.0.2.10"));

        Assert.Equal(42, frame.Length);
        var arp = ArpFrame.TryParse(frame);
        Assert.NotNull(arp);
        Assert.Equal("FFFFFFFFFFFF", arp.EthernetDestination.ToString());
        Assert.Equal(Mac, arp.EthernetSource);
        Assert.Equal(ArpFrame.OperationRequest, arp.Operation);
        Assert.Equal(Mac, arp.SenderMac);
        Assert.Equal(IPAddress.Parse("192.0.2.10"), arp.SenderAddress);
        Assert.Equal(IPAddress.Parse("192.0.2.10"), arp.TargetAddress);
    }

    [Fact]
    public void Unsolicited_na_targets_all_nodes_with_override_hop_limit_255_and_valid_checksum()
    {
        var frame = NeighbourAdvertisementFrame.BuildUnsolicited(Mac, IPAddress.Parse("fe80::11:22ff:fe33:4455"), IPAddress.Parse("2001:db8::10"));

        var na = NeighbourAdvertisementFrame.TryParse(frame);
        Assert.NotNull(na);
        Assert.Equal(new byte[] { 0x33, 0x33, 0, 0, 0, 1 }, frame[..6]);
        Assert.Equal(Mac, na.EthernetSource);
        Assert.Equal(IPAddress.Parse("ff02::1"), na.Destination);
        Assert.Equal(255, na.HopLimit);
        Assert.True(na.Override);
        Assert.False(na.Solicited);
        Assert.False(na.Router);
        Assert.Equal(IPAddress.Parse("2001:db8::10"), na.Target);
        Assert.Equal(Mac, na.TargetMac);
        Assert.True(na.ChecksumValid);
    }

    [Fact]
    public void Corrupted_na_fails_its_checksum()
    {
        var frame = NeighbourAdvertisementFrame.BuildUnsolicited(Mac, IPAddress.Parse("fe80::1"), IPAddress.Parse("2001:db8::10"), router: true);
        frame[^1] ^= 0xff;
        var na = NeighbourAdvertisementFrame.TryParse(frame);
        Assert.NotNull(na);
        Assert.True(na.Router);
        Assert.False(na.ChecksumValid);
    }

    [Fact]
    public void Frames_refuse_wrong_families_and_macs()
    {
        Assert.Throws<ArgumentException>(() => ArpFrame.BuildGratuitous(Mac, IPAddress.Parse("2001:db8::1")));
        Assert.Throws<ArgumentException>(() => ArpFrame.BuildGratuitous(new PhysicalAddress([1, 2, 3]), IPAddress.Loopback));
        Assert.Throws<ArgumentException>(() => NeighbourAdvertisementFrame.BuildUnsolicited(Mac, IPAddress.Loopback, IPAddress.Parse("2001:db8::1")));
    }

    [Fact]
    public void Control_messages_round_trip_with_8_byte_alignment()
    {
        var first = ControlMessages.Build(41, 52, [255, 0, 0, 0]);
        var second = ControlMessages.Build(41, 50, new byte[20]);
        Assert.Equal(24, first.Length);
        Assert.Equal(40, second.Length);

        var parsed = ControlMessages.Parse(first.Concat(second).ToArray());

        Assert.Equal(2, parsed.Count);
        Assert.Equal((41, 52, 4), (parsed[0].Level, parsed[0].Type, parsed[0].Data.Length));
        Assert.Equal(255, parsed[0].Data.Span[0]);
        Assert.Equal((41, 50, 20), (parsed[1].Level, parsed[1].Type, parsed[1].Data.Length));
    }
}
