using System.Net;
using Director.Core.Config.Model;

namespace Director.Core.Tests.Config.Model;

public sealed class VrrpBindingTests
{
    [Fact]
    public void Global_defs_bind_every_keyword()
    {
        var g = Load.Valid("""
            global_defs {
                notification_email {
                    a@example.com
                    b@example.com
                }
                notification_email_from lb@example.com
                smtp_server 10.0.0.25 2525
                smtp_connect_timeout 15
                smtp_alert
                router_id LB1
                lvs_id LVS1
                vrrp_mcast_group4 224.0.0.19
                vrrp_mcast_group6 ff02::13
                enable_script_security
                script_user nobody nogroup
            }
            """).GlobalDefs;

        Assert.Equal(new GlobalDefs
        {
            NotificationEmail = new[] { "a@example.com", "b@example.com" },
            NotificationEmailFrom = "lb@example.com",
            SmtpServer = new SmtpServer { Host = "10.0.0.25", Port = 2525 },
            SmtpConnectTimeout = TimeSpan.FromSeconds(15),
            SmtpAlert = true,
            RouterId = "LB1",
            LvsId = "LVS1",
            VrrpMcastGroup4 = IPAddress.Parse("224.0.0.19"),
            VrrpMcastGroup6 = IPAddress.Parse("ff02::13"),
            EnableScriptSecurity = true,
            ScriptUser = new ScriptUser { User = "nobody", Group = "nogroup" },
        }, g);
    }

    [Fact]
    public void Instance_binds_every_keyword()
    {
        var vi = Load.Instance("""
            state MASTER
            priority 150
            advert_int 2
            authentication {
                auth_type PASS
                auth_pass secret
            }
            nopreempt off
            preempt_delay 30
            no_accept
            dont_track_primary
            mcast_src_ip 10.0.0.2
            unicast_src_ip 10.0.0.2
            unicast_peer {
                10.0.0.3
                10.0.0.4
            }
            use_vmac vrrp.1
            garp_master_delay 3
            garp_master_repeat 2
            garp_master_refresh 60
            garp_master_refresh_repeat 4
            track_interface {
                eth1
                eth2 weight -20
            }
            track_script {
                chk_a
                chk_b weight 10
            }
            notify /bin/notify
            notify_master /bin/master arg
            notify_backup /bin/backup
            notify_fault /bin/fault
            notify_stop /bin/stop
            smtp_alert yes
            """, prefix: "vrrp_script chk_a {\n script /bin/true\n}\nvrrp_script chk_b {\n script /bin/true\n}\n");

        Assert.Equal(VrrpState.Master, vi.State);
        Assert.Equal((150, 2.0), (vi.Priority, vi.AdvertInt.TotalSeconds));
        Assert.Equal(new Authentication { AuthType = AuthType.Pass, AuthPass = "secret" }, vi.Authentication);
        Assert.False(vi.Nopreempt);
        Assert.Equal(TimeSpan.FromSeconds(30), vi.PreemptDelay);
        Assert.False(vi.Accept);
        Assert.True(vi.DontTrackPrimary);
        Assert.Equal(IPAddress.Parse("10.0.0.2"), vi.McastSrcIp);
        Assert.Equal(IPAddress.Parse("10.0.0.2"), vi.UnicastSrcIp);
        Assert.Equal([IPAddress.Parse("10.0.0.3"), IPAddress.Parse("10.0.0.4")], vi.UnicastPeer);
        Assert.Equal((true, "vrrp.1"), (vi.UseVmac, vi.VmacName));
        Assert.Equal((3.0, 2, 60.0, 4), (vi.GarpMasterDelay.TotalSeconds, vi.GarpMasterRepeat, vi.GarpMasterRefresh.TotalSeconds, vi.GarpMasterRefreshRepeat));
        Assert.Equal([new TrackedInterface { Name = "eth1" }, new TrackedInterface { Name = "eth2", Weight = -20 }], vi.TrackInterface);
        Assert.Equal([new TrackedScript { Name = "chk_a" }, new TrackedScript { Name = "chk_b", Weight = 10 }], vi.TrackScript);
        Assert.Equal(("/bin/notify", "/bin/master arg", "/bin/backup", "/bin/fault", "/bin/stop"),
            (vi.Notify, vi.NotifyMaster, vi.NotifyBackup, vi.NotifyFault, vi.NotifyStop));
        Assert.True(vi.SmtpAlert);
    }

    [Fact]
    public void Virtual_addresses_bind_with_their_options()
    {
        var vi = Load.Instance("""
            virtual_ipaddress {
                10.0.0.1
                10.0.0.2/24 brd 10.0.0.255 dev eth1 scope link label eth1:vip
            }
            virtual_ipaddress_excluded {
                10.1.0.1/16
            }
            """);

        Assert.Equal(
            [
                new VirtualIpAddress { Address = IPAddress.Parse("10.0.0.1"), PrefixLength = 32 },
                new VirtualIpAddress
                {
                    Address = IPAddress.Parse("10.0.0.2"), PrefixLength = 24, Broadcast = IPAddress.Parse("10.0.0.255"),
                    Device = "eth1", Scope = "link", Label = "eth1:vip",
                },
            ],
            vi.VirtualIpaddress);
        Assert.Equal([new VirtualIpAddress { Address = IPAddress.Parse("10.1.0.1"), PrefixLength = 16 }], vi.VirtualIpaddressExcluded);
    }

    [Fact]
    public void Ipv6_addresses_default_to_a_128_prefix()
    {
        var vi = Load.Instance("virtual_ipaddress {\n 2001:db8::1\n 2001:db8::2/64 dev eth0\n}");

        Assert.Equal([128, 64], vi.VirtualIpaddress.Select(a => a.PrefixLength));
    }

    [Fact]
    public void Virtual_routes_bind_with_their_options()
    {
        var vi = Load.Instance("""
            virtual_routes {
                src 10.0.0.1 10.20.0.0/16 via 10.0.0.254 dev eth0 metric 5 table 100 scope global
                10.30.0.0/16 gw 10.0.0.253
                blackhole 10.99.0.0/16
            }
            """);

        Assert.Equal(
            [
                new VirtualRoute
                {
                    Source = IPAddress.Parse("10.0.0.1"), Destination = IPAddress.Parse("10.20.0.0"), PrefixLength = 16,
                    Via = IPAddress.Parse("10.0.0.254"), Device = "eth0", Metric = 5, Table = "100", Scope = "global",
                },
                new VirtualRoute { Destination = IPAddress.Parse("10.30.0.0"), PrefixLength = 16, Via = IPAddress.Parse("10.0.0.253") },
                new VirtualRoute { Destination = IPAddress.Parse("10.99.0.0"), PrefixLength = 16, Blackhole = true },
            ],
            vi.VirtualRoutes);
    }

    [Fact]
    public void Version_3_accepts_centisecond_intervals()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(10), Load.Instance("version 3\nadvert_int 0.01").AdvertInt);
        Assert.Equal(TimeSpan.FromSeconds(40.95), Load.Instance("version 3\nadvert_int 40.95").AdvertInt);
        Assert.Equal(TimeSpan.FromMilliseconds(120), Load.Instance("version 3\nadvert_int 0.123").AdvertInt);
    }

    [Fact]
    public void Vrrp_script_and_sync_group_bind()
    {
        var config = Load.Valid("""
            vrrp_script chk {
                script /usr/bin/check arg
                interval 2.5
                timeout 1
                weight -30
                rise 2
                fall 3
                user nobody
            }
            vrrp_sync_group VG {
                group {
                    A B
                }
                notify /bin/n
                notify_master /bin/m
                notify_backup /bin/b
                notify_fault /bin/f
                notify_stop /bin/s
                smtp_alert
            }
            vrrp_instance A {
                interface eth0
                virtual_router_id 1
                track_script {
                    chk
                }
            }
            vrrp_instance B {
                interface eth0
                virtual_router_id 2
            }
            """);

        Assert.Equal(new VrrpScript
        {
            Name = "chk", Script = "/usr/bin/check arg", Interval = TimeSpan.FromSeconds(2.5), Timeout = TimeSpan.FromSeconds(1),
            Weight = -30, Rise = 2, Fall = 3, User = new ScriptUser { User = "nobody" },
        }, config.VrrpScript.Single());
        Assert.Equal(new VrrpSyncGroup
        {
            Name = "VG", Group = new[] { "A", "B" }, Notify = "/bin/n", NotifyMaster = "/bin/m", NotifyBackup = "/bin/b",
            NotifyFault = "/bin/f", NotifyStop = "/bin/s", SmtpAlert = true,
        }, config.VrrpSyncGroup.Single());
    }

    [Fact]
    public void Long_password_is_truncated_with_a_warning_as_keepalived_does()
    {
        var result = Load.Text("vrrp_instance V {\n interface eth0\n virtual_router_id 1\n virtual_ipaddress {\n 10.0.0.1\n }\n authentication {\n auth_type PASS\n auth_pass password123\n }\n}");

        Assert.NotNull(result.Config);
        Assert.Equal(["t.conf:9: warning: auth_pass: only the first 8 characters are used"], result.Diagnostics.Select(d => d.ToString()));
    }

    [Fact]
    public void Nopreempt_with_master_state_and_preempt_delay_warn()
    {
        var lines = Load.Lines("vrrp_instance V {\n interface eth0\n virtual_router_id 1\n state MASTER\n nopreempt\n preempt_delay 5\n virtual_ipaddress {\n 10.0.0.1\n }\n}");

        Assert.Equal(
            ["t.conf:5: warning: nopreempt: has no effect with initial state MASTER", "t.conf:6: warning: preempt_delay: has no effect with nopreempt"],
            lines);
    }

    [Theory]
    [InlineData("state UNKNOWN", "t.conf:4: error: state: expected one of MASTER BACKUP, got 'UNKNOWN'")]
    [InlineData("advert_int", "t.conf:4: error: advert_int: expected a number of seconds")]
    [InlineData("nopreempt sometimes", "t.conf:4: error: nopreempt: expected on/off, true/false or yes/no, got 'sometimes'")]
    [InlineData("mcast_src_ip ::1::2", "t.conf:4: error: mcast_src_ip: expected an IP address, got '::1::2'")]
    [InlineData("version 4", "t.conf:4: error: version: expected an integer 2-3, got '4'")]
    [InlineData("track_interface {\n eth1 weight 300\n}", "t.conf:5: error: track_interface: expected 'NAME [weight -253..253]', got 'eth1 weight 300'")]
    [InlineData("virtual_ipaddress {\n 10.0.0.1 dev\n}", "t.conf:5: error: virtual_ipaddress: dev: expected a value")]
    [InlineData("virtual_ipaddress {\n 10.0.0.1 colour blue\n}", "t.conf:5: error: virtual_ipaddress: unknown option 'colour'")]
    [InlineData("virtual_ipaddress 10.0.0.1", "t.conf:4: error: virtual_ipaddress: expected a '{' block")]
    [InlineData("virtual_routes {\n 10.1.0.0/16 nexthop via 10.0.0.1 nexthop via 10.0.0.2\n}", "t.conf:5: error: virtual_routes: multipath routes (nexthop) are not supported by director")]
    [InlineData("authentication {\n auth_pass x\n}", "t.conf:4: error: authentication: missing auth_type")]
    public void Instance_errors_name_file_line_keyword_and_expectation(string body, string expected)
    {
        var result = Load.Text($"vrrp_instance V {{\n interface eth0\n virtual_router_id 1\n{body}\n}}");

        Assert.Null(result.Config);
        Assert.Contains(expected, result.Diagnostics.Select(d => d.ToString()));
    }

    [Fact]
    public void Duplicate_instance_names_are_errors()
    {
        var lines = Load.Lines("vrrp_instance V {\n interface eth0\n virtual_router_id 1\n}\nvrrp_instance V {\n interface eth1\n virtual_router_id 1\n}");

        Assert.Contains("t.conf:5: error: vrrp_instance: V is defined more than once", lines);
    }

    [Fact]
    public void Global_errors_are_reported()
    {
        var lines = Load.Lines("global_defs {\n vrrp_mcast_group4 ff02::1\n smtp_server 10.0.0.1 0\n vrrp_version 1\n notification_email a@b\n}");

        Assert.Equal(
            [
                "t.conf:2: error: vrrp_mcast_group4: expected an IPv4 address, got 'ff02::1'",
                "t.conf:3: error: smtp_server: expected an integer 1-65535, got '0'",
                "t.conf:4: error: vrrp_version: expected an integer 2-3, got '1'",
                "t.conf:5: error: notification_email: expected a '{' block",
            ],
            lines);
    }

    [Fact]
    public void Instance_without_addresses_is_warned_about_as_keepalived_does()
    {
        var lines = Load.Lines("vrrp_instance V {\n interface eth0\n virtual_router_id 1\n}");

        Assert.Equal(["t.conf:1: warning: vrrp_instance: V: no virtual_ipaddress (keepalived: at least one is sensible)"], lines);
    }

    [Fact]
    public void Ipv6_instance_runs_version_3_unless_told_otherwise()
    {
        var config = Load.Valid("global_defs {\n vrrp_version 2\n}\nvrrp_instance V {\n interface eth0\n virtual_router_id 1\n advert_int 0.5\n virtual_ipaddress {\n 2001:db8::1\n }\n}");

        Assert.Equal(3, config.VrrpInstance.Single().Version);
        Assert.Contains(
            "t.conf:4: error: version: V carries IPv6 addresses: VRRP version 2 is IPv4 only (RFC 3768), use version 3",
            Load.Lines("vrrp_instance V {\n interface eth0\n virtual_router_id 1\n version 2\n virtual_ipaddress {\n 2001:db8::1\n }\n}"));
    }

    [Fact]
    public void Ipv6_instance_whose_first_address_is_not_link_local_is_warned_about_as_keepalived_does()
    {
        var global = Load.Lines("vrrp_instance V {\n interface eth0\n virtual_router_id 1\n virtual_ipaddress {\n 2001:db8::1\n fe80::1\n }\n}");
        var linkLocalFirst = Load.Lines("vrrp_instance V {\n interface eth0\n virtual_router_id 1\n virtual_ipaddress {\n fe80::1\n 2001:db8::1\n }\n}");

        Assert.Equal(["t.conf:4: warning: virtual_ipaddress: V: the first IPv6 virtual address should be link-local (RFC 5798 section 5.2.9)"], global);
        Assert.Empty(linkLocalFirst);
    }

    [Fact]
    public void Deprecated_or_gateway_keeps_the_first_with_a_warning()
    {
        var vi = Load.Instance("virtual_routes {\n 10.1.0.0/16 via 10.0.0.1 or 10.0.0.2\n}\nvirtual_ipaddress {\n 10.0.0.9\n}");

        Assert.Equal(IPAddress.Parse("10.0.0.1"), vi.VirtualRoutes.Single().Via);
        Assert.Contains(
            "t.conf:5: warning: virtual_routes: multipath 'or 10.0.0.2' is not supported by director: only the first gateway is used",
            Load.Lines("vrrp_instance V {\n interface eth0\n virtual_router_id 1\nvirtual_routes {\n 10.1.0.0/16 via 10.0.0.1 or 10.0.0.2\n}\n}"));
    }
}
