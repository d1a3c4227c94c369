using System.Net;
using System.Net.NetworkInformation;
using Director.Native.Netlink;
using Director.Native.Sockets;
using Director.TestSupport.Netns;

namespace Director.Native.Tests.Netns;

[Collection(NetnsCollection.Name)]
public sealed class AnnouncementTests
{
    private static readonly IPAddress Vip4 = IPAddress.Parse("10.77.0.100");
    private static readonly IPAddress Vip6 = IPAddress.Parse("fd00:77::100");

    private static async Task<T> ReceiveFirst<T>(PacketSocket socket, Func<byte[], T?> parse, Func<T, bool> match)
        where T : class
    {
        using var deadline = TwoHosts.Deadline();
        try
        {
            while (true)
                if (parse(await socket.ReceiveAsync(deadline.Token)) is { } parsed && match(parsed))
                    return parsed;
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"no matching {typeof(T).Name} on {socket.InterfaceName} within 5 s");
        }
    }

    private static (PhysicalAddress Mac, IPAddress LinkLocal) InterfaceOf(LabNamespace ns)
    {
        using var rtnl = RtnetlinkClient.Open(ns.Name);
        var link = rtnl.GetLink(TwoHosts.Interface);
        var linkLocal = rtnl.ListAddresses(link.Index, RtnlMessages.AF_INET6).First(a => a.Address.IsIPv6LinkLocal).Address;
        return (link.Mac!, linkLocal);
    }

    [Fact]
    public async Task Gratuitous_arp_from_a_is_received_by_b()
    {
        using var hosts = TwoHosts.Create();
        var (mac, _) = InterfaceOf(hosts.A);
        using var capture = PacketSocket.Open(TwoHosts.Interface, hosts.B.Name, PacketSocket.EthPArp);
        using var announcer = NeighbourAnnouncer.Open(TwoHosts.Interface, hosts.A.Name);

        announcer.SendGratuitousArp(Vip4, mac);

        var arp = await ReceiveFirst(capture, f => ArpFrame.TryParse(f), a => a.SenderAddress.Equals(Vip4));
        Assert.Equal(ArpFrame.OperationRequest, arp.Operation);
        Assert.Equal(Vip4, arp.TargetAddress);
        Assert.Equal("FFFFFFFFFFFF", arp.TargetMac.ToString()); // as keepalived fills the target hardware address
        Assert.Equal(mac, arp.SenderMac);
        Assert.Equal(mac, arp.EthernetSource);
        Assert.Equal("FFFFFFFFFFFF", arp.EthernetDestination.ToString());
    }

    [Fact]
    public async Task Gratuitous_arp_can_carry_the_virtual_router_mac()
    {
        using var hosts = TwoHosts.Create();
        using var capture = PacketSocket.Open(TwoHosts.Interface, hosts.B.Name, PacketSocket.EthPArp);
        using var announcer = NeighbourAnnouncer.Open(TwoHosts.Interface, hosts.A.Name);
        var vmac = VirtualRouterMac.For(51);

        announcer.SendGratuitousArp(Vip4, vmac);

        var arp = await ReceiveFirst(capture, f => ArpFrame.TryParse(f), a => a.SenderAddress.Equals(Vip4));
        Assert.Equal(vmac, arp.SenderMac);
        Assert.Equal(vmac, arp.EthernetSource);
    }

    [Fact]
    public async Task Unsolicited_na_from_a_is_received_by_b_with_override_and_hop_limit_255()
    {
        using var hosts = TwoHosts.Create();
        var (mac, linkLocal) = InterfaceOf(hosts.A);
        using var capture = PacketSocket.Open(TwoHosts.Interface, hosts.B.Name, PacketSocket.EthPIpv6);
        using var announcer = NeighbourAnnouncer.Open(TwoHosts.Interface, hosts.A.Name);

        announcer.SendUnsolicitedNeighbourAdvertisement(Vip6, mac, linkLocal);

        var na = await ReceiveFirst(capture, f => NeighbourAdvertisementFrame.TryParse(f), n => n.Target.Equals(Vip6));
        Assert.Equal(linkLocal, na.Source);
        Assert.Equal(IPAddress.Parse("ff02::1"), na.Destination);
        Assert.Equal(255, na.HopLimit);
        Assert.True(na.Override);
        Assert.False(na.Solicited);
        Assert.Equal(mac, na.TargetMac);
        Assert.True(na.ChecksumValid);
    }

    [Fact]
    public async Task Tcpdump_in_the_other_namespace_decodes_the_garp_and_the_na_with_a_good_checksum()
    {
        Assert.True(Command.Find("tcpdump") is not null, "this test needs tcpdump (Debian package tcpdump)");
        using var hosts = TwoHosts.Create();
        var (mac, linkLocal) = InterfaceOf(hosts.A);
        using var announcer = NeighbourAnnouncer.Open(TwoHosts.Interface, hosts.A.Name);
        using var tcpdump = hosts.B.Start("tcpdump", "-n", "-l", "-vv", "-i", TwoHosts.Interface, "-c", "2",
            "arp or (icmp6 and ip6[40] == 136)");
        Assert.True(Poll.Until(() => tcpdump.Stderr.Contains("listening on", StringComparison.Ordinal), TimeSpan.FromSeconds(10)),
            $"tcpdump did not start: {tcpdump.Stderr}");

        await Task.Delay(100);
        announcer.SendGratuitousArp(Vip4, mac);
        announcer.SendUnsolicitedNeighbourAdvertisement(Vip6, mac, linkLocal);

        Assert.True(tcpdump.WaitForExit(TimeSpan.FromSeconds(10)), $"tcpdump saw: {tcpdump.Stdout}");
        var seen = tcpdump.Stdout;
        Assert.True(seen.Contains("Request who-has 10.77.0.100 (ff:ff:ff:ff:ff:ff) tell 10.77.0.100", StringComparison.Ordinal), seen);
        Assert.True(seen.Contains("neighbor advertisement", StringComparison.Ordinal), seen);
        Assert.True(seen.Contains("tgt is fd00:77::100", StringComparison.Ordinal), seen);
        Assert.True(seen.Contains("Flags [override]", StringComparison.Ordinal), seen);
        Assert.True(seen.Contains("icmp6 sum ok", StringComparison.Ordinal), seen);
    }
}
