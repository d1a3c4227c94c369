using System.Net;
using Director.Core.Balancing;

namespace Director.Core.Tests.Balancing;

public sealed class ActiveConnectionCountsTests
{
    private static readonly VirtualServiceKey Web = VirtualServiceKey.ForAddress(IPAddress.Parse("10.0.0.1"), 80, IpProtocol.Tcp);
    private static readonly DestinationKey Real = new(IPAddress.Parse("192.168.1.20"), 80);

    [Fact]
    public void Looks_up_by_service_and_destination_and_unknown_pairs_count_zero()
    {
        var counts = new ActiveConnectionCounts("ipvs", [new ActiveConnectionCount(Web, Real, 4, 9)]);

        Assert.Equal(("ipvs", 1), (counts.Source, counts.Count));
        Assert.Equal((4, 9), (counts.For(Web, Real), counts.InactiveFor(Web, Real)));
        Assert.Equal((0, 0), (counts.For(Web with { Protocol = IpProtocol.Udp }, Real), counts.InactiveFor(Web with { Protocol = IpProtocol.Udp }, Real)));
        Assert.Equal(0, counts.For(Web, Real with { Port = 81 }));
    }

    [Fact]
    public void Fwmark_services_match_on_family_and_mark_only()
    {
        var counts = new ActiveConnectionCounts("ipvs", [new ActiveConnectionCount(VirtualServiceKey.ForFwmark(7, IpFamily.V4, IpProtocol.Tcp), Real, 2)]);

        Assert.Equal(2, counts.For(VirtualServiceKey.ForFwmark(7, IpFamily.V4, IpProtocol.Udp), Real));
        Assert.Equal(0, counts.For(VirtualServiceKey.ForFwmark(7, IpFamily.V6, IpProtocol.Tcp), Real));
    }

    [Fact]
    public void The_same_pair_listed_twice_adds_up()
    {
        var counts = new ActiveConnectionCounts("conntrack", [new ActiveConnectionCount(Web, Real, 1, 5), new ActiveConnectionCount(Web, Real, 2)]);

        Assert.Equal((3, 5), (counts.For(Web, Real), counts.InactiveFor(Web, Real)));
    }
}
