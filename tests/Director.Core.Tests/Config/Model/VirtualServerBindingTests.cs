using System.Net;
using Director.Core.Config.Model;

namespace Director.Core.Tests.Config.Model;

public sealed class VirtualServerBindingTests
{
    [Fact]
    public void Virtual_server_binds_every_keyword()
    {
        var vs = Load.Server("""
            delay_loop 6.5
            lb_algo rr
            lb_kind DR
            persistence_timeout 300
            persistence_granularity 255.255.255.0
            virtualhost www.example.com
            sorry_server 10.0.0.9 8080
            sorry_server_inhibit
            quorum 2
            hysteresis 1
            quorum_up /bin/up
            quorum_down /bin/down
            alpha
            omega
            ha_suspend
            inhibit_on_failure
            smtp_alert
            real_server 192.168.1.1 80 {
                weight 5
                inhibit_on_failure off
                notify_up /bin/rs-up
                notify_down /bin/rs-down
                smtp_alert
            }
            """);

        Assert.Equal(new VirtualServer
        {
            Address = new IpPortAddress { Ip = IPAddress.Parse("10.0.0.1"), Port = 80 },
            DelayLoop = TimeSpan.FromSeconds(6.5),
            LbAlgo = LbAlgo.Rr,
            LbKind = LbKind.Dr,
            PersistenceTimeout = TimeSpan.FromSeconds(300),
            PersistenceGranularity = IPAddress.Parse("255.255.255.0"),
            Virtualhost = "www.example.com",
            SorryServer = new RealServerAddress { Ip = IPAddress.Parse("10.0.0.9"), Port = 8080 },
            SorryServerInhibit = true,
            Quorum = 2,
            Hysteresis = 1,
            QuorumUp = "/bin/up",
            QuorumDown = "/bin/down",
            Alpha = true,
            Omega = true,
            HaSuspend = true,
            InhibitOnFailure = true,
            SmtpAlert = true,
            RealServer = new[]
            {
                new RealServer
                {
                    Address = new RealServerAddress { Ip = IPAddress.Parse("192.168.1.1"), Port = 80 },
                    Weight = 5, InhibitOnFailure = false, NotifyUp = "/bin/rs-up", NotifyDown = "/bin/rs-down", SmtpAlert = true,
                },
            },
        }, vs);
    }

    [Fact]
    public void Ops_with_udp_is_kept_and_aliases_bind()
    {
        var config = Load.Valid("virtual_server 10.0.0.1 53 {\n protocol UDP\n ops\n lvs_sched sh\n lvs_method TUN\n persistence_timeout\n}");
        var vs = config.VirtualServer.Single();

        Assert.Equal((true, LbAlgo.Sh, LbKind.Tun, Protocol.Udp, 360.0), (vs.Ops, vs.LbAlgo, vs.LbKind, vs.Protocol, vs.PersistenceTimeout!.Value.TotalSeconds));
    }

    [Fact]
    public void Fwmark_and_group_servers_bind()
    {
        var config = Load.Valid("""
            virtual_server_group G {
                10.0.0.1 80
                10.0.0.10-20 80
                2001:db8::1 443
                fwmark 3
            }
            virtual_server group G {
                protocol TCP
            }
            virtual_server fwmark 7 {
                real_server 192.168.1.1 {
                }
            }
            """);

        Assert.Equal(
            [
                new VirtualServerGroupMember { Ip = IPAddress.Parse("10.0.0.1"), Port = 80 },
                new VirtualServerGroupMember { Ip = IPAddress.Parse("10.0.0.10"), RangeEnd = 20, Port = 80 },
                new VirtualServerGroupMember { Ip = IPAddress.Parse("2001:db8::1"), Port = 443 },
                new VirtualServerGroupMember { Fwmark = 3 },
            ],
            config.VirtualServerGroup.Single().Members);
        Assert.Equal(new GroupAddress { Group = "G" }, config.VirtualServer[0].Address);
        Assert.Equal(new FwmarkAddress { Fwmark = 7 }, config.VirtualServer[1].Address);
        Assert.Equal(0, config.VirtualServer[1].RealServer.Single().Address.Port);
    }

    [Fact]
    public void Real_server_without_port_takes_the_virtual_servers_port()
    {
        var vs = Load.Server("real_server 192.168.1.1 {\n}");

        Assert.Equal(80, vs.RealServer.Single().Address.Port);
    }

    [Fact]
    public void Ipv6_virtual_server_binds()
    {
        var vs = Load.Server("real_server 2001:db8::11 443 {\n}", "2001:db8::100 443");

        Assert.Equal(new IpPortAddress { Ip = IPAddress.Parse("2001:db8::100"), Port = 443 }, vs.Address);
    }

    [Theory]
    [InlineData("virtual_server_group G {\n 10.0.0.20-10 80\n}", "t.conf:2: error: virtual_server_group: expected IP PORT, IP-LAST PORT or fwmark N [inet|inet6], got '10.0.0.20-10 80'")]
    [InlineData("virtual_server_group G {\n fwmark x\n}", "t.conf:2: error: virtual_server_group: expected IP PORT, IP-LAST PORT or fwmark N [inet|inet6], got 'fwmark x'")]
    [InlineData("virtual_server 10.0.0.1 80 {\n protocol TCP\n real_server 10.0.0.2 80 {\n BOGUS_CHECK {\n }\n }\n}", "t.conf:4: warning: unknown keyword 'BOGUS_CHECK'")]
    [InlineData("virtual_server 10.0.0.1 80 {\n protocol TCP\n ops\n}", "t.conf:1: warning: virtual_server: ops (one-packet scheduling) needs protocol UDP: ignored")]
    [InlineData("virtual_server 10.0.0.1 80", "t.conf:1: error: virtual_server: expected a '{' block")]
    [InlineData("virtual_server 10.0.0.1 80 {\n protocol TCP\n real_server 10.0.0.2 80 {\n }\n real_server 10.0.0.2 80 {\n }\n}", "t.conf:5: error: real_server: 10.0.0.2 port 80 is already a real server of this virtual_server")]
    [InlineData("virtual_server 10.0.0.1 80 {\n protocol TCP\n}\nvirtual_server 10.0.0.1 80 {\n protocol TCP\n}", "t.conf:4: error: virtual_server: 10.0.0.1 80 (TCP) is defined more than once")]
    public void Virtual_server_diagnostics(string text, string expected)
    {
        Assert.Contains(expected, Load.Lines(text));
    }
}
