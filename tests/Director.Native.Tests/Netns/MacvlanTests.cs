using Director.Native.Netlink;
using Director.TestSupport.Netns;

namespace Director.Native.Tests.Netns;

[Collection(NetnsCollection.Name)]
public sealed class MacvlanTests
{
    [Fact]
    public void Vmac_macvlan_is_created_private_with_the_vrrp_mac_set_up_and_deleted()
    {
        using var hosts = TwoHosts.Create();
        using var rtnl = RtnetlinkClient.Open(hosts.A.Name);
        var eth0 = rtnl.GetLink(TwoHosts.Interface);

        var vmac = rtnl.CreateMacvlan(new MacvlanSpec("vrrp.51", eth0.Index, VirtualRouterMac.For(51)));

        Assert.Equal("vrrp.51", vmac.Name);
        Assert.Equal(VirtualRouterMac.For(51), vmac.Mac);
        Assert.Equal("macvlan", vmac.Kind);
        Assert.Equal(eth0.Index, vmac.ParentIndex);
        Assert.False(vmac.IsUp);
        var json = hosts.A.IpJson("-d", "link", "show", "dev", "vrrp.51")[0];
        Assert.Equal("00:00:5e:00:01:33", json.GetProperty("address").GetString());
        var info = json.GetProperty("linkinfo");
        Assert.Equal("macvlan", info.GetProperty("info_kind").GetString());
        Assert.Equal("private", info.GetProperty("info_data").GetProperty("mode").GetString());
        Assert.Equal("eth0", json.GetProperty("link").GetString());

        rtnl.SetLinkUp(vmac.Index, up: true);
        Assert.True(rtnl.GetLink("vrrp.51").IsUp);

        Assert.Equal(17, Assert.Throws<KernelCallException>(() => rtnl.CreateMacvlan(new MacvlanSpec("vrrp.51", eth0.Index, VirtualRouterMac.For(51)))).Errno);

        rtnl.DeleteLink(vmac.Index);
        Assert.Null(rtnl.FindLink("vrrp.51"));
    }
}
