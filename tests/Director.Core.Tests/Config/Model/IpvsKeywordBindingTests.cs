using System.Net;
using Director.Core.Config.Model;
using Director.Core.Config.Validation;

namespace Director.Core.Tests.Config.Model;

/// <summary>
/// The IPVS keywords of keepalived 2.2.7's check_parser.c: scheduler flags, persistence engine
/// and granularity, forwarding methods with tunnel options (virtual, real and sorry server),
/// thresholds, ip_family, group fwmark families and the global lvs_* settings.
/// </summary>
public sealed class IpvsKeywordBindingTests
{
    [Fact]
    public void Scheduler_flags_bind_after_their_scheduler_and_are_ignored_with_a_warning_before_it()
    {
        var sh = Load.Server("lb_algo sh\nsh-port\nsh-fallback\nflag-3\nreal_server 10.1.0.1 80 {\n}");
        Assert.Equal([SchedulerFlag.ShPort, SchedulerFlag.ShFallback, SchedulerFlag.Flag3], sh.SchedulerFlags);

        var early = Load.Text("virtual_server 10.0.0.1 80 {\n protocol TCP\n mh-port\n lb_algo mh\n real_server 10.1.0.1 80 {\n }\n}");
        Assert.Empty(early.Config!.VirtualServer.Single().SchedulerFlags);
        Assert.Contains(early.Diagnostics, d => d.ToString().Contains("mh-port only applies to the mh scheduler", StringComparison.Ordinal));
    }

    [Fact]
    public void Persistence_engine_and_granularity_bind_and_granularity_implies_persistence()
    {
        var v4 = Load.Server("persistence_granularity 255.255.0.0\npersistence_engine sip\nreal_server 10.1.0.1 80 {\n}");
        Assert.Equal(IPAddress.Parse("255.255.0.0"), v4.PersistenceGranularity);
        Assert.Equal("sip", v4.PersistenceEngine);
        Assert.Equal(TimeSpan.FromSeconds(360), v4.PersistenceTimeout);

        var v6 = Load.Server("persistence_timeout 200\npersistence_granularity 64\nreal_server fd00:41::1 80 {\n}", address: "fd00:40::1 80");
        Assert.Equal(IPAddress.Parse("ffff:ffff:ffff:ffff::"), v6.PersistenceGranularity);

        var fwmark6 = Load.Valid("virtual_server fwmark 3 {\n ip_family inet6\n persistence_granularity 48\n real_server fd00::1 {\n }\n}").VirtualServer.Single();
        Assert.Equal(IPAddress.Parse("ffff:ffff:ffff::"), fwmark6.PersistenceGranularity);
        Assert.Equal(InetFamily.Inet6, fwmark6.IpFamily);
    }

    [Fact]
    public void Port_zero_makes_the_service_persistent_as_keepalived_does()
    {
        var vs = Load.Server("real_server 10.1.0.1 0 {\n}", address: "10.0.0.1 0");
        Assert.Equal(TimeSpan.FromSeconds(360), vs.PersistenceTimeout);
    }

    [Fact]
    public void Forwarding_methods_take_tunnel_options_per_virtual_real_and_sorry_server()
    {
        var vs = Load.Server("""
            lvs_method TUN type gue port 6080
            sorry_server 10.1.0.9 80
            sorry_server_lvs_method TUN type gre csum
            real_server 10.1.0.1 80 {
            }
            real_server 10.1.0.2 80 {
                lvs_method TUN type gue port 6081 remcsum
                uthreshold 100
                lthreshold 10
            }
            real_server 10.1.0.3 80 {
                lvs_method DR
            }
            """);

        Assert.Equal(LbKind.Tun, vs.LbKind);
        Assert.Equal(new TunnelOptions { Type = TunnelType.Gue, Port = 6080 }, vs.Tunnel);
        Assert.Equal(LbKind.Tun, vs.SorryServerLvsMethod);
        Assert.Equal(new TunnelOptions { Type = TunnelType.Gre, Checksum = TunnelChecksum.Csum }, vs.SorryServerTunnel);
        Assert.Null(vs.RealServer[0].LvsMethod);
        Assert.Equal(new TunnelOptions { Type = TunnelType.Gue, Port = 6081, Checksum = TunnelChecksum.RemCsum }, vs.RealServer[1].Tunnel);
        Assert.Equal((100u, 10u), (vs.RealServer[1].UpperThreshold, vs.RealServer[1].LowerThreshold));
        Assert.Equal(LbKind.Dr, vs.RealServer[2].LvsMethod);
        Assert.Null(vs.RealServer[2].Tunnel);
    }

    [Theory]
    [InlineData("lvs_method TUN type gue", "gue tunnels require a port")]
    [InlineData("lvs_method TUN port 6080", "gue tunnels require a port")]
    [InlineData("lvs_method TUN type ipip csum", "ipip tunnels take no checksum option")]
    [InlineData("lvs_method TUN type gre remcsum", "gre tunnels take no remote checksum option")]
    [InlineData("lvs_method TUN type vxlan", "type: expected ipip, gue or gre")]
    [InlineData("lvs_method TUN checksum", "unknown tunnel option 'checksum'")]
    public void Tunnel_options_keepalived_refuses_are_errors_with_the_line(string line, string message)
    {
        var lines = Load.Lines($"virtual_server 10.0.0.1 80 {{\n protocol TCP\n {line}\n real_server 10.1.0.1 80 {{\n }}\n}}");
        Assert.Contains(lines, l => l.StartsWith("t.conf:3: error", StringComparison.Ordinal) && l.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void Group_fwmarks_take_a_family()
    {
        var config = Load.Valid("virtual_server_group g {\n fwmark 20 inet6\n fwmark 21 inet\n fwmark 22\n}\nvirtual_server group g {\n real_server fd00::1 {\n }\n}");
        Assert.Equal([InetFamily.Inet6, InetFamily.Inet, null], config.VirtualServerGroup.Single().Members.Select(m => m.FwmarkFamily));
    }

    [Fact]
    public void Global_lvs_settings_bind()
    {
        var g = Load.Valid("global_defs {\n lvs_timeouts tcp 900 udp 60\n lvs_timeouts tcpfin 30\n lvs_flush\n lvs_flush_onstop VS\n}").GlobalDefs;
        Assert.Equal(new LvsTimeouts { Tcp = 900, TcpFin = 30, Udp = 60 }, g.LvsTimeouts);
        Assert.True(g.LvsFlush);
        Assert.Equal(LvsFlushOnStop.Vs, g.LvsFlushOnStop);
        Assert.Equal(LvsFlushOnStop.Full, Load.Valid("global_defs {\n lvs_flush_on_stop\n}").GlobalDefs.LvsFlushOnStop);
        Assert.Contains(Load.Lines("global_defs {\n lvs_timeouts tcp 99999999\n}"), l => l.StartsWith("t.conf:2: error", StringComparison.Ordinal));
    }

    [Fact]
    public void A_HOCON_model_gets_the_same_tunnel_checks()
    {
        var config = Load.Valid("virtual_server 10.0.0.1 80 {\n protocol TCP\n lvs_method TUN type gue port 6080\n real_server 10.1.0.1 80 {\n }\n}");
        var broken = config with
        {
            VirtualServer = config.VirtualServer.Select(v => v with
            {
                Tunnel = new TunnelOptions { Type = TunnelType.Gue },
                RealServer = v.RealServer.Select(r => r with { Tunnel = new TunnelOptions { Checksum = TunnelChecksum.Csum } }).ToEquatableList(),
            }).ToEquatableList(),
        };

        var errors = ModelValidator.Validate(broken, "t.hocon").Where(d => d.IsError).Select(d => d.ToString()).ToList();
        Assert.Contains(errors, e => e.Contains("virtual_server[0].tunnel", StringComparison.Ordinal) && e.Contains("gue tunnels require a port", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("real_server[0].tunnel", StringComparison.Ordinal) && e.Contains("ipip tunnels take no checksum option", StringComparison.Ordinal));
        Assert.DoesNotContain(ModelValidator.Validate(config, "t.hocon"), d => d.IsError);
    }
}
