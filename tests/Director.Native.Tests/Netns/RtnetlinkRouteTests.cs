using System.Net;
using Director.Native.Netlink;
using Director.TestSupport.Netns;

namespace Director.Native.Tests.Netns;

[Collection(NetnsCollection.Name)]
public sealed class RtnetlinkRouteTests
{
    [Fact]
    public void Ipv4_route_with_gateway_dev_src_metric_in_table_100_is_added_and_deleted()
    {
        using var hosts = TwoHosts.Create();
        using var rtnl = RtnetlinkClient.Open(hosts.A.Name);
        var eth0 = rtnl.GetLink(TwoHosts.Interface);
        var route = new RouteSpec(IPAddress.Parse("203.0.113.0"), 24)
        {
            Gateway = TwoHosts.B4,
            OutputInterfaceIndex = eth0.Index,
            PreferredSource = TwoHosts.A4,
            Metric = 7,
            Table = 100,
        };

        rtnl.AddRoute(route);

        var listed = Assert.Single(hosts.A.IpJson("route", "show", "table", "100").EnumerateArray());
        Assert.Equal("203.0.113.0/24", listed.GetProperty("dst").GetString());
        Assert.Equal("10.77.0.2", listed.GetProperty("gateway").GetString());
        Assert.Equal("eth0", listed.GetProperty("dev").GetString());
        Assert.Equal("10.77.0.1", listed.GetProperty("prefsrc").GetString());
        Assert.Equal(7, listed.GetProperty("metric").GetInt32());
        var ours = Assert.Single(rtnl.ListRoutes(RtnlMessages.AF_INET, table: 100));
        Assert.Equal(route with { Scope = AddressScope.Universe }, ours);

        Assert.Equal(17, Assert.Throws<KernelCallException>(() => rtnl.AddRoute(route)).Errno);
        rtnl.AddRoute(route, replace: true);

        rtnl.DeleteRoute(route);

        Assert.Empty(hosts.A.IpJson("route", "show", "table", "100").EnumerateArray());
        Assert.Equal(3, Assert.Throws<KernelCallException>(() => rtnl.DeleteRoute(route)).Errno); // ESRCH
    }

    [Fact]
    public void Blackhole_route_in_a_table_above_255()
    {
        using var hosts = TwoHosts.Create();
        using var rtnl = RtnetlinkClient.Open(hosts.A.Name);
        var route = new RouteSpec(IPAddress.Parse("10.66.0.0"), 16) { Type = RouteType.Blackhole, Table = 1000 };

        rtnl.AddRoute(route);

        var listed = Assert.Single(hosts.A.IpJson("route", "show", "table", "1000").EnumerateArray());
        Assert.Equal("blackhole", listed.GetProperty("type").GetString());
        var ours = Assert.Single(rtnl.ListRoutes(table: 1000));
        Assert.Equal(RouteType.Blackhole, ours.Type);
        Assert.Equal(IPAddress.Parse("10.66.0.0"), ours.Destination);
        Assert.Equal("10.66.0.0/16", listed.GetProperty("dst").GetString());

        rtnl.DeleteRoute(route);
        Assert.Empty(hosts.A.IpJson("route", "show", "table", "1000").EnumerateArray());
    }

    [Fact]
    public void Device_route_gets_link_scope_and_ipv6_route_via_gateway()
    {
        using var hosts = TwoHosts.Create();
        using var rtnl = RtnetlinkClient.Open(hosts.A.Name);
        var eth0 = rtnl.GetLink(TwoHosts.Interface);
        var device = new RouteSpec(IPAddress.Parse("192.0.2.0"), 24) { OutputInterfaceIndex = eth0.Index };
        var v6 = new RouteSpec(IPAddress.Parse("2001:db8:99::"), 64) { Gateway = TwoHosts.B6, OutputInterfaceIndex = eth0.Index, Metric = 300 };

        rtnl.AddRoute(device);
        rtnl.AddRoute(v6);

        var listed = Assert.Single(hosts.A.IpJson("route", "show", "192.0.2.0/24").EnumerateArray());
        Assert.Equal("link", listed.GetProperty("scope").GetString());
        var listed6 = Assert.Single(hosts.A.IpJson("-6", "route", "show", "2001:db8:99::/64").EnumerateArray());
        Assert.Equal("fd00:77::2", listed6.GetProperty("gateway").GetString());
        Assert.Equal(300, listed6.GetProperty("metric").GetInt32());

        rtnl.DeleteRoute(device);
        rtnl.DeleteRoute(v6);
        Assert.Empty(hosts.A.IpJson("route", "show", "192.0.2.0/24").EnumerateArray());
        Assert.Empty(hosts.A.IpJson("-6", "route", "show", "2001:db8:99::/64").EnumerateArray());
    }
}
