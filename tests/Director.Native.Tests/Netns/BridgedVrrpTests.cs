using System.Net;
using Director.Native.Sockets;
using Director.TestSupport.Netns;

namespace Director.Native.Tests.Netns;

/// <summary>Three hosts on one bridge (a switch namespace), as integration tests lay out a VRRP pair plus a client.</summary>
[Collection(NetnsCollection.Name)]
public sealed class BridgedVrrpTests
{
    [Fact]
    public async Task Multicast_adverts_in_both_families_reach_every_host_on_the_bridge()
    {
        using var lab = NetworkLab.Create();
        var sw = lab.AddNamespace("sw");
        sw.AddBridge("br0");
        var hosts = new[] { lab.AddNamespace("lb1"), lab.AddNamespace("lb2"), lab.AddNamespace("client") };
        for (var i = 0; i < hosts.Length; i++)
        {
            hosts[i].DisableIpv6Dad();
            lab.Attach(hosts[i], "eth0", sw, "br0");
            hosts[i].AddAddress("eth0", $"10.88.0.{i + 1}/24");
        }
        using var rx2 = VrrpSockets.Open("eth0", ipv6: false, hosts[1].Name);
        using var rx3 = VrrpSockets.Open("eth0", ipv6: false, hosts[2].Name);
        using var rx2v6 = VrrpSockets.Open("eth0", ipv6: true, hosts[1].Name);
        using var tx = VrrpSockets.Open("eth0", ipv6: false, hosts[0].Name);
        using var txv6 = VrrpSockets.Open("eth0", ipv6: true, hosts[0].Name);
        byte[] payload = [0x31, 7, 200, 0, 0, 100, 0, 0];

        tx.Send(payload, VrrpProtocol.MulticastV4, IPAddress.Parse("10.88.0.1"));
        txv6.Send(payload, VrrpProtocol.MulticastV6);

        using var deadline = TwoHosts.Deadline();
        var seen = await Task.WhenAll(
            rx2.ReceiveAsync(deadline.Token).AsTask(),
            rx3.ReceiveAsync(deadline.Token).AsTask(),
            rx2v6.ReceiveAsync(deadline.Token).AsTask());
        Assert.All(seen[..2], p => Assert.Equal(IPAddress.Parse("10.88.0.1"), p.Source));
        Assert.All(seen, p => Assert.Equal(255, p.HopLimit));
        Assert.Equal(VrrpProtocol.MulticastV6, seen[2].Destination);
    }
}
