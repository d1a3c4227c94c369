using System.Net;
using Director.Core.Config.Binding;
using Director.Core.Config.Model;

namespace Director.Core.Tests.Config.Model;

public sealed class ValidCorpusContentTests
{
    private static KeepalivedConfig LoadValid(string name) =>
        KeepalivedConfigLoader.Load(Path.Combine(Corpus.Valid, name)).Config!;

    [Fact]
    public void Lb1_is_the_seed_deployment()
    {
        var config = LoadValid("lb1.conf");

        Assert.Equal("LVS_DEVEL", config.GlobalDefs.RouterId);
        Assert.Equal(["admin@example.com"], config.GlobalDefs.NotificationEmail);
        Assert.Equal(new SmtpServer { Host = "127.0.0.1" }, config.GlobalDefs.SmtpServer);
        Assert.Equal(["VRRP_EXT", "VRRP_INT"], config.VrrpSyncGroup.Single().Group);
        var ext = config.VrrpInstance[0];
        Assert.Equal(("VRRP_EXT", VrrpState.Master, "eth0", 50, 100), (ext.Name, ext.State, ext.Interface, ext.VirtualRouterId, ext.Priority));
        Assert.Equal(new Authentication { AuthPass = "password123" }, ext.Authentication);
        Assert.Equal([new VirtualIpAddress { Address = IPAddress.Parse("10.0.0.1") }], ext.VirtualIpaddress);
        var vs = config.VirtualServer.Single();
        Assert.Equal(new IpPortAddress { Ip = IPAddress.Parse("10.0.0.1"), Port = 80 }, vs.Address);
        Assert.Equal((6.0, LbAlgo.Rr, LbKind.Nat, Protocol.Tcp), (vs.DelayLoop.TotalSeconds, vs.LbAlgo, vs.LbKind, vs.Protocol));
        Assert.Equal(["192.168.1.20", "192.168.1.21", "192.168.1.22", "192.168.1.23"], vs.RealServer.Select(r => r.Address.Ip.ToString()));
        Assert.All(vs.RealServer, r => Assert.Equal(new TcpCheck { ConnectTimeout = TimeSpan.FromSeconds(10) }, r.Checkers.Single()));
    }

    [Fact]
    public void Lb2_differs_from_lb1_only_in_state_and_priority()
    {
        var lb1 = LoadValid("lb1.conf");
        var lb2 = LoadValid("lb2.conf");

        var lb2AsLb1 = lb2 with
        {
            VrrpInstance = lb2.VrrpInstance.Select(i => i with { State = VrrpState.Master, Priority = 100 }).ToEquatableList(),
        };
        Assert.NotEqual(lb1, lb2);
        Assert.Equal(lb1, lb2AsLb1);
    }

    [Fact]
    public void Loading_twice_gives_equal_models()
    {
        Assert.Equal(LoadValid("dr.conf"), LoadValid("dr.conf"));
    }

    [Fact]
    public void Ipv6_v3_instances_share_a_vrid_across_families()
    {
        var config = LoadValid("ipv6-v3.conf");

        Assert.All(config.VrrpInstance, i => Assert.Equal(3, i.Version));
        Assert.Equal(VrrpState.Master, config.VrrpInstance[0].State);
        Assert.Equal(TimeSpan.FromMilliseconds(100), config.VrrpInstance[0].AdvertInt);
    }
}
