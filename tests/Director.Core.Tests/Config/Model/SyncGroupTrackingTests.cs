using Director.Core.Config.Model;

namespace Director.Core.Tests.Config.Model;

public sealed class SyncGroupTrackingTests
{
    private const string Scripts = "global_defs {\n enable_script_security\n}\nvrrp_script w {\n script /bin/true\n weight 5\n}\nvrrp_script z {\n script /bin/true\n}\n";

    private static string Config(string groupExtra) => Scripts + $$"""
        vrrp_sync_group G {
            group {
                A
                B
            }
            {{groupExtra}}
        }
        vrrp_instance A {
            interface eth0
            virtual_router_id 1
            track_interface {
                eth1 weight -20
            }
            track_script {
                w
                z
            }
            virtual_ipaddress {
                10.0.0.1
            }
        }
        vrrp_instance B {
            interface eth0
            virtual_router_id 2
            virtual_ipaddress {
                10.0.0.2
            }
        }
        """;

    [Fact]
    public void Weights_are_ignored_inside_a_sync_group_as_keepalived_does()
    {
        var a = Load.Valid(Config("")).VrrpInstance[0];

        Assert.Equal([new TrackedInterface { Name = "eth1", Weight = 0 }], a.TrackInterface);
        Assert.Equal([new TrackedScript { Name = "z" }], a.TrackScript);
    }

    [Fact]
    public void Sync_group_tracking_weight_keeps_them()
    {
        var a = Load.Valid(Config("sync_group_tracking_weight")).VrrpInstance[0];

        Assert.Equal([new TrackedInterface { Name = "eth1", Weight = -20 }], a.TrackInterface);
        Assert.Equal(["w", "z"], a.TrackScript.Select(t => t.Name));
    }

    [Fact]
    public void Scripts_without_script_security_are_warned_about()
    {
        Assert.Equal(
            ["t.conf:2: warning: script: scripts are configured but global_defs has no enable_script_security (keepalived -t reports a security violation)"],
            Load.Lines("vrrp_script s {\n script /bin/true\n}"));
    }
}
