using Director.Core.Config.Model;

namespace Director.Core.Tests.Config.Model;

public sealed class DefaultsTests
{
    [Fact]
    public void Empty_configuration_is_the_default_model()
    {
        var config = Load.Valid("");

        Assert.Equal(new KeepalivedConfig(), config);
    }

    [Fact]
    public void Instance_defaults_follow_keepalived()
    {
        var vi = Load.Instance("");

        Assert.Equal(100, vi.Priority);
        Assert.Equal(TimeSpan.FromSeconds(1), vi.AdvertInt);
        Assert.Equal(VrrpState.Backup, vi.State);
        Assert.Equal(2, vi.Version);
        Assert.Equal(TimeSpan.FromSeconds(5), vi.GarpMasterDelay);
        Assert.Equal(5, vi.GarpMasterRepeat);
        Assert.Equal(TimeSpan.Zero, vi.GarpMasterRefresh);
        Assert.False(vi.Nopreempt);
        Assert.True(vi.Accept);
        Assert.Null(vi.Authentication);
    }

    [Fact]
    public void Priority_255_starts_as_master_unless_a_state_is_given()
    {
        Assert.Equal(VrrpState.Master, Load.Instance("priority 255").State);
        Assert.Equal(VrrpState.Backup, Load.Instance("priority 255\nstate BACKUP").State);
    }

    [Fact]
    public void Instances_inherit_global_vrrp_defaults()
    {
        var config = Load.Valid("""
            global_defs {
                vrrp_version 3
                vrrp_garp_master_delay 2
                vrrp_garp_master_repeat 3
                vrrp_garp_master_refresh 30
                vrrp_garp_master_refresh_repeat 2
                vrrp_strict
            }
            vrrp_instance A {
                interface eth0
                virtual_router_id 1
            }
            vrrp_instance B {
                interface eth0
                virtual_router_id 2
                version 2
                garp_master_delay 1
            }
            """);

        var a = config.VrrpInstance[0];
        var b = config.VrrpInstance[1];
        Assert.Equal((3, 2.0, 3, 30.0, 2, false), (a.Version, a.GarpMasterDelay.TotalSeconds, a.GarpMasterRepeat, a.GarpMasterRefresh.TotalSeconds, a.GarpMasterRefreshRepeat, a.Accept));
        Assert.Equal((2, 1.0), (b.Version, b.GarpMasterDelay.TotalSeconds));
    }

    [Fact]
    public void Virtual_server_defaults_follow_keepalived()
    {
        var vs = Load.Server("real_server 192.168.1.1 80 {\n TCP_CHECK {\n }\n}");

        Assert.Equal(TimeSpan.FromSeconds(60), vs.DelayLoop);
        Assert.Equal(LbAlgo.Wlc, vs.LbAlgo);
        Assert.Equal(LbKind.Nat, vs.LbKind);
        Assert.Equal(Protocol.Tcp, vs.Protocol);
        Assert.Equal(1, vs.Quorum);
        Assert.Equal(0, vs.Hysteresis);
        var rs = vs.RealServer.Single();
        Assert.Equal(1, rs.Weight);
        var check = Assert.IsType<TcpCheck>(rs.Checkers.Single());
        Assert.Equal(TimeSpan.FromSeconds(5), check.ConnectTimeout);
        Assert.Null(check.DelayBeforeRetry); // resolved per kind by CheckerRunnerSettings (1 s for TCP_CHECK)
        Assert.Null(check.Warmup);
        Assert.False(check.LogAllFailures);
        Assert.Equal(1, check.Retry);
    }

    [Fact]
    public void Log_all_failures_binds_per_checker_and_in_global_defs()
    {
        var check = Load.Checker("TCP_CHECK", "log_all_failures");
        Assert.True(check.LogAllFailures);
        Assert.False(Load.Checker("TCP_CHECK", "log_all_failures false").LogAllFailures);

        var result = Load.Text("global_defs {\n checker_log_all_failures\n}");
        Assert.True(result.Config!.GlobalDefs.CheckerLogAllFailures);
        Assert.Empty(result.Diagnostics);
    }

    [Fact]
    public void Url_without_status_code_accepts_200_to_299()
    {
        var check = (HttpGetCheck)Load.Checker("HTTP_GET", "url {\n path /\n}");

        Assert.Equal(new StatusCodeRange { From = 200, To = 299 }, check.Url.Single().StatusCode.Single());
    }

    [Fact]
    public void Vrrp_script_defaults_follow_keepalived()
    {
        var script = Load.Valid("vrrp_script chk {\n script /bin/true\n}").VrrpScript.Single();

        Assert.Equal((1.0, 1, 1, 0), (script.Interval.TotalSeconds, script.Rise, script.Fall, script.Weight));
    }

    [Fact]
    public void Missing_protocol_is_tcp_with_a_warning()
    {
        var result = Load.Text("virtual_server 10.0.0.1 80 {\n}");

        Assert.Equal(Protocol.Tcp, result.Config!.VirtualServer.Single().Protocol);
        Assert.Equal(["t.conf:1: warning: virtual_server: no protocol set: using TCP (keepalived 2.2 reports an error and uses UDP)"],
            result.Diagnostics.Select(d => d.ToString()));
    }
}
