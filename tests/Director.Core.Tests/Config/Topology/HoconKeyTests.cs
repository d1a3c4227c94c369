using Director.Core.Config.Hocon;
using Director.Core.Config.Model;

namespace Director.Core.Tests.Config.Topology;

/// <summary>Every HOCON key of the real model is a keepalived keyword or one of a few named structural keys.</summary>
public sealed class HoconKeyTests
{
    /// <summary>keepalived keywords, spelled as in keepalived.conf.</summary>
    private static readonly HashSet<string> Keywords =
    [
        "global_defs", "track_file", "vrrp_script", "vrrp_sync_group", "vrrp_instance", "virtual_server_group", "virtual_server",
        "notification_email", "notification_email_from", "smtp_server", "smtp_connect_timeout", "smtp_alert", "router_id", "lvs_id",
        "vrrp_mcast_group4", "vrrp_mcast_group6", "vrrp_version", "vrrp_garp_master_delay", "vrrp_garp_master_repeat",
        "vrrp_garp_master_refresh", "vrrp_garp_master_refresh_repeat", "vrrp_strict", "vrrp_skip_check_adv_addr", "vrrp_garp_interval",
        "vrrp_gna_interval", "enable_script_security", "script_user", "file", "weight", "init_file", "script", "interval", "timeout",
        "rise", "fall", "user", "group", "notify", "notify_master", "notify_backup", "notify_fault", "notify_stop",
        "sync_group_tracking_weight", "state", "interface", "virtual_router_id", "priority", "advert_int", "version", "authentication",
        "auth_type", "auth_pass", "nopreempt", "preempt_delay", "accept", "dont_track_primary", "mcast_src_ip", "unicast_src_ip",
        "unicast_peer", "use_vmac", "garp_master_delay", "garp_master_repeat", "garp_master_refresh", "garp_master_refresh_repeat",
        "track_interface", "track_script", "virtual_ipaddress", "virtual_ipaddress_excluded", "virtual_routes", "dev", "brd", "scope",
        "label", "src", "via", "metric", "table", "blackhole", "delay_loop", "lb_algo", "lb_kind", "protocol", "ops",
        "persistence_timeout", "persistence_granularity", "virtualhost", "sorry_server", "sorry_server_inhibit", "quorum", "hysteresis",
        "quorum_up", "quorum_down", "alpha", "omega", "ha_suspend", "inhibit_on_failure", "real_server", "notify_up", "notify_down",
        "retry", "delay_before_retry", "warmup", "connect_timeout", "connect_ip", "connect_port", "bindto", "bind_port", "require_reply",
        "helo_name", "type", "name", "url", "http_protocol", "enable_sni", "path", "digest", "status_code", "misc_path", "misc_timeout",
        "misc_dynamic", "fwmark", "reverse", "overwrite", "log_all_failures", "checker_log_all_failures",
        "nftables", "nftables_priority", "nftables_counters",
        "lvs_timeouts", "lvs_flush", "lvs_flush_on_stop", "tcp", "tcpfin", "udp", "ip_family", "persistence_engine",
        "sorry_server_lvs_method", "lvs_method", "uthreshold", "lthreshold",
    ];

    /// <summary>Keys for values keepalived writes positionally (an address, a port) or as a block keyword.</summary>
    private static readonly HashSet<string> Structural =
    [
        "address", "prefix_length", "destination", "ip", "port", "host", "members", "range_end", "checkers", "from", "to", "value", "vmac_name",
        "tunnel", "sorry_server_tunnel", "checksum", "scheduler_flags", "fwmark_family",
    ];

    [Fact]
    public void Every_key_is_a_keepalived_keyword_or_a_named_structural_key()
    {
        var keys = KeysOf(typeof(KeepalivedConfig));
        var unexpected = keys.Where(k => !Keywords.Contains(k.Key) && !Structural.Contains(k.Key)).Select(k => $"{k.Type}.{k.Key}").ToList();
        Assert.True(unexpected.Count == 0, "keys that are neither keepalived keywords nor structural: " + string.Join(", ", unexpected));
    }

    [Fact]
    public void Discriminators_do_not_clash_with_keywords_and_enums_use_keepalived_spelling()
    {
        var model = new KeepalivedConfig
        {
            VrrpInstance = new[] { new VrrpInstance { Name = "VI", Interface = "eth0", VirtualRouterId = 1, State = VrrpState.Master } },
            VirtualServer = new[]
            {
                new VirtualServer
                {
                    LbAlgo = LbAlgo.Wrr, LbKind = LbKind.Dr, Protocol = Protocol.Udp,
                    RealServer = new[] { new RealServer { Checkers = new HealthChecker[] { new DnsCheck { Type = "A" } } } },
                },
            },
        };
        var text = HoconTopology.Write(model, new HoconWriteOptions { WriteDefaults = false });

        foreach (var expected in new[] { "state = MASTER", "lb_algo = wrr", "lb_kind = DR", "protocol = UDP", "check = DNS_CHECK", "type = \"A\"" })
            Assert.Contains(expected, text);
        Assert.Equal(model, HoconTopology.Read<KeepalivedConfig>(text, "t.hocon").Model);
    }

    private static List<(string Type, string Key)> KeysOf(Type root)
    {
        var keys = new List<(string, string)>();
        var seen = new HashSet<Type>();
        var pending = new Queue<Type>([root]);
        while (pending.TryDequeue(out var type))
        {
            if (!seen.Add(type)) continue;
            if (type.IsAbstract)
            {
                foreach (var sub in type.Assembly.GetTypes().Where(t => !t.IsAbstract && type.IsAssignableFrom(t))) pending.Enqueue(sub);
                continue;
            }
            if (CodecRegistry.For(type) is not RecordCodec record) continue;
            foreach (var property in record.Shape.Properties)
            {
                keys.Add((type.Name, property.Key));
                var propertyType = Nullable.GetUnderlyingType(property.Property.PropertyType) ?? property.Property.PropertyType;
                if (propertyType.IsGenericType && propertyType.GetGenericTypeDefinition() == typeof(EquatableList<>))
                    propertyType = propertyType.GetGenericArguments()[0];
                if (propertyType.IsClass && propertyType.Namespace == typeof(KeepalivedConfig).Namespace) pending.Enqueue(propertyType);
            }
        }
        return keys;
    }
}
