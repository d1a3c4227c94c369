namespace Director.Core.Tests.Config.Model;

public sealed class KeywordWarningTests
{
    [Fact]
    public void Keepalived_keywords_director_ignores_are_told_apart_from_typos()
    {
        var lines = Load.Lines("global_defs {\n enable_snmp_vrrp\n enable_snpm_vrrp\n}");

        Assert.Equal(
            [
                "t.conf:2: warning: keepalived keyword 'enable_snmp_vrrp' is not supported by director: ignored",
                "t.conf:3: warning: unknown keyword 'enable_snpm_vrrp'",
            ],
            lines);
    }

    [Fact]
    public void Keepalived_sample_global_keywords_bind()
    {
        var g = Load.Valid("global_defs {\n vrrp_skip_check_adv_addr\n vrrp_strict\n vrrp_garp_interval 0.001\n vrrp_gna_interval 0.000001\n}").GlobalDefs;

        Assert.Equal((true, true, TimeSpan.FromMilliseconds(1), TimeSpan.FromMicroseconds(1)),
            (g.VrrpSkipCheckAdvAddr, g.VrrpStrict, g.VrrpGarpInterval, g.VrrpGnaInterval));
    }

    [Fact]
    public void Diagnostics_come_in_line_order_across_checks()
    {
        var lines = Load.Lines("""
            vrrp_sync_group G {
                group {
                    A
                    B
                }
            }
            vrrp_instance A {
                interface eth0
                virtual_router_id 999
                virtual_ipaddress {
                    10.0.0.1
                }
            }
            """);

        Assert.Equal(
            [
                "t.conf:1: error: vrrp_sync_group: G: unknown vrrp_instance 'B'",
                "t.conf:9: error: virtual_router_id: expected an integer 1-255, got '999'",
            ],
            lines);
    }
}
