using System.Net;
using Director.Core.Balancing;
using Director.Core.Balancing.Nft;

namespace Director.Core.Tests.Balancing.Nft;

public sealed class ConntrackCountsTests
{
    private const string Text = """
        ipv4     2 tcp      6 431999 ESTABLISHED src=10.0.2.2 dst=10.0.0.1 sport=40000 dport=80 src=10.0.1.1 dst=10.0.2.2 sport=80 dport=40000 [ASSURED] mark=0 zone=0 use=2
        ipv4     2 tcp      6 431999 ESTABLISHED src=10.0.2.2 dst=10.0.0.1 sport=40001 dport=80 src=10.0.1.1 dst=10.0.2.2 sport=80 dport=40001 [ASSURED] mark=0 zone=0 use=2
        ipv4     2 tcp      6 119 TIME_WAIT src=10.0.2.2 dst=10.0.0.1 sport=40002 dport=80 src=10.0.1.2 dst=10.0.2.2 sport=80 dport=40002 [ASSURED] mark=0 zone=0 use=2
        ipv4     2 udp      17 29 src=10.0.2.2 dst=10.0.0.1 sport=5000 dport=53 src=10.0.1.3 dst=10.0.2.2 sport=53 dport=5000 mark=0 zone=0 use=2
        ipv4     2 tcp      6 431999 ESTABLISHED src=10.0.2.2 dst=10.0.2.1 sport=40003 dport=22 src=10.0.2.1 dst=10.0.2.2 sport=22 dport=40003 [ASSURED] mark=0 zone=0 use=2
        """;

    [Fact]
    public void Established_dnat_flows_are_counted_per_service_and_server()
    {
        var counts = ConntrackCounts.Parse(Text);
        var web = VirtualServiceKey.ForAddress(IPAddress.Parse("10.0.0.1"), 80, IpProtocol.Tcp);

        Assert.Equal(2, counts.For(web, new DestinationKey(IPAddress.Parse("10.0.1.1"), 80)));
        Assert.Equal(0, counts.For(web, new DestinationKey(IPAddress.Parse("10.0.1.2"), 80)));
        Assert.Equal(1, counts.For(VirtualServiceKey.ForAddress(IPAddress.Parse("10.0.0.1"), 53, IpProtocol.Udp), new DestinationKey(IPAddress.Parse("10.0.1.3"), 53)));
    }
}
