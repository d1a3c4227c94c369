using System.Net;
using Director.Native.Netlink;
using Director.TestSupport.Netns;

namespace Director.Native.Tests.Netns;

[Collection(NetnsCollection.Name)]
public sealed class RtnetlinkRouteLookupTests
{
    [Fact]
    public void The_kernel_names_the_device_and_gateway_it_would_use_like_ip_route_get()
    {
        using var hosts = TwoHosts.Create();
        using var rtnl = RtnetlinkClient.Open(hosts.A.Name);
        var eth0 = rtnl.GetLink(TwoHosts.Interface);
        var lo = rtnl.GetLink("lo");
        rtnl.AddRoute(new RouteSpec(IPAddress.Parse("203.0.113.0"), 24) { Gateway = TwoHosts.B4, OutputInterfaceIndex = eth0.Index });

        Assert.Equal(eth0.Index, rtnl.RouteTo(TwoHosts.B4).OutputInterfaceIndex);
        var viaGateway = rtnl.RouteTo(IPAddress.Parse("203.0.113.9"));
        Assert.Equal(eth0.Index, viaGateway.OutputInterfaceIndex);
        Assert.Equal(TwoHosts.B4, viaGateway.Gateway);
        Assert.Equal(lo.Index, rtnl.RouteTo(TwoHosts.A4).OutputInterfaceIndex); // a local address
        Assert.Equal(101, Assert.Throws<KernelCallException>(() => rtnl.RouteTo(IPAddress.Parse("198.51.100.1"))).Errno); // ENETUNREACH
    }
}
