namespace Director.Core.Config.Binding;

/// <summary>
/// keepalived 2.2 keywords that director reads past without acting on them. They get their own
/// warning, so that an operator can tell them apart from misspellings.
/// </summary>
internal static class UnsupportedKeywords
{
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        // top level
        "static_ipaddress", "static_routes", "static_rules", "vrrp_track_process", "bfd_instance",
        "linkbeat_interfaces", "garp_group", "net_namespace", "use_pid_dir", "instance", "SSL",
        // global_defs
        "vrrp_iptables", "vrrp_ipsets", "vrrp_nftables", "vrrp_nftables_priority", "vrrp_nftables_ifindex",
        "nftables_ifindex", "vrrp_check_unicast_src", "vrrp_lower_prio_no_advert", "vrrp_higher_prio_send_advert",
        "vrrp_garp_lower_prio_delay", "vrrp_garp_lower_prio_repeat", "vrrp_priority", "checker_priority",
        "bfd_priority", "vrrp_no_swap", "checker_no_swap", "bfd_no_swap", "vrrp_rt_priority", "checker_rt_priority",
        "enable_traps", "enable_snmp_vrrp", "enable_snmp_checker", "enable_snmp_rfc", "enable_snmp_rfcv2",
        "enable_snmp_rfcv3", "snmp_socket", "enable_dbus", "dynamic_interfaces", "max_auto_priority",
        "min_auto_priority_delay", "process_names", "process_name", "vrrp_process_name", "checker_process_name",
        "bfd_process_name", "lvs_sync_daemon", "notify_fifo",
        "notify_fifo_script", "vrrp_notify_fifo", "vrrp_notify_fifo_script", "lvs_notify_fifo",
        "lvs_notify_fifo_script", "default_interface", "local_name", "vrrp_startup_delay", "vrrp_min_garp",
        "vrrp_netlink_cmd_rcv_bufs", "vrrp_netlink_monitor_rcv_bufs",
        "linkbeat_use_polling", "disable_local_igmp", "json_version", "tmp_config_directory",
        "namespace_with_ipsets", "random_seed", "reload_time_file", "reload_repeat", "reload_file",
        "data_use_instance", "smtp_helo_name", "vrrp_rx_bufs_policy", "vrrp_rx_bufs_multiplier",
        // vrrp_instance
        "track_process", "track_bfd", "unicast_ttl", "native_ipv6", "strict_mode", "debug",
        "lvs_sync_daemon_interface", "garp_lower_prio_delay", "garp_lower_prio_repeat", "lower_prio_no_advert",
        "higher_prio_send_advert", "kernel_rx_buf_size", "notify_master_rx_lower_pri", "vmac_xmit_base",
        "skip_check_adv_addr", "check_unicast_src", "virtual_rules", "unicast_fault_no_peer", "notify_deleted",
        "use_ipvlan", "track_src_ip", "old_unicast_checksum", "unicast_checksum_compat", "garp_extra_if",
        "promote_secondaries", "mcast_dst_ip",
        // virtual_server / real_server
        "nat_mask", "snmp_name",
        // checkers
        "fwmark", "payload", "min_reply_length", "max_reply_length", "regex",
        "regex_no_match", "regex_options", "regex_stop", "regex_min_offset", "regex_max_offset", "fast_recovery",
        "tos", "dynamic",
    };

    public static bool Contains(string keyword) => Keywords.Contains(keyword);
}
