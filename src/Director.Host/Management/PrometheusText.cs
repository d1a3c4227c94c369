using System.Globalization;
using System.Text;
using Director.Actors.State;

namespace Director.Host.Management;

/// <summary>Formats one director's state in the Prometheus text exposition format (version 0.0.4).</summary>
public static class PrometheusText
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private static readonly string[] States = ["INIT", "BACKUP", "MASTER", "FAULT", "STOP"];

    /// <param name="checks">The check counters (results, latency, real-server transitions); null: left out.</param>
    public static string Format(DirectorState state, HealthCheckMetrics? checks = null)
    {
        var text = new StringBuilder();
        var instances = state.VrrpInstances;

        Family(text, "director_vrrp_instance_state", "gauge", "1 for the state the VRRP instance is in, 0 for the others.");
        foreach (var i in instances)
            foreach (var s in States)
                Sample(text, "director_vrrp_instance_state", [("instance", i.Name), ("state", s)], i.State == s ? 1 : 0);

        PerInstance(text, instances, "director_vrrp_instance_priority", "gauge", "Effective priority of the VRRP instance.", i => i.Priority);
        PerInstance(text, instances, "director_vrrp_transitions_total", "counter", "VRRP state changes since start.", i => i.Transitions);
        PerInstance(text, instances, "director_vrrp_became_master_total", "counter", "Transitions into MASTER since start.", i => i.BecameMaster);
        PerInstance(text, instances, "director_vrrp_released_master_total", "counter", "Transitions out of MASTER since start.", i => i.ReleasedMaster);
        PerInstance(text, instances, "director_vrrp_adverts_sent_total", "counter", "VRRP adverts sent.", i => i.AdvertsSent);
        PerInstance(text, instances, "director_vrrp_adverts_received_total", "counter", "VRRP adverts received and accepted.", i => i.AdvertsReceived);

        Family(text, "director_vrrp_adverts_dropped_total", "counter", "VRRP datagrams dropped, by reason.");
        foreach (var i in instances)
            foreach (var (reason, count) in i.Drops.OrderBy(d => d.Key, StringComparer.Ordinal))
                Sample(text, "director_vrrp_adverts_dropped_total", [("instance", i.Name), ("reason", SnakeCase(reason))], count);

        Family(text, "director_vrrp_receiver_datagrams_total", "counter", "VRRP datagrams read by each socket, before any instance.");
        foreach (var r in state.Receivers)
            Sample(text, "director_vrrp_receiver_datagrams_total", [("interface", r.Interface)], r.Received);
        Family(text, "director_vrrp_receiver_dropped_total", "counter", "VRRP datagrams a socket dropped before any instance, by reason.");
        foreach (var r in state.Receivers)
        {
            Sample(text, "director_vrrp_receiver_dropped_total", [("interface", r.Interface), ("reason", "foreign_vrid")], r.ForeignVrid);
            Sample(text, "director_vrrp_receiver_dropped_total", [("interface", r.Interface), ("reason", "unreadable")], r.Unreadable);
        }

        if (state.KernelWrites is { } k)
        {
            Family(text, "director_kernel_writes_total", "counter", "Kernel writes (netlink) carried out by native-io, successful or not.");
            Sample(text, "director_kernel_writes_total", [], k.Writes);
            Family(text, "director_kernel_write_failures_total", "counter", "Kernel writes that failed.");
            Sample(text, "director_kernel_write_failures_total", [], k.Failures);
            Family(text, "director_kernel_write_latency_seconds", "summary", "Latency of kernel writes.");
            Sample(text, "director_kernel_write_latency_seconds_sum", [], k.TotalLatencySeconds);
            Sample(text, "director_kernel_write_latency_seconds_count", [], k.Writes);
            Family(text, "director_kernel_write_last_latency_seconds", "gauge", "Latency of the last kernel write.");
            Sample(text, "director_kernel_write_last_latency_seconds", [], k.LastLatencySeconds);
            Family(text, "director_kernel_writes_pending", "gauge", "Kernel writes waiting behind the one in progress.");
            Sample(text, "director_kernel_writes_pending", [], k.Pending);
            Family(text, "director_kernel_table_repairs_total", "counter", "Times a table of director's was restored after another process changed it.");
            Sample(text, "director_kernel_table_repairs_total", [("table", "forwarding")], k.ForwardingRepairs);
            Sample(text, "director_kernel_table_repairs_total", [("table", "vip_firewall")], k.FirewallRepairs);
        }
        AppendRealServers(text, state);
        if (checks is not null) AppendChecks(text, checks);
        return text.ToString();
    }

    private static void AppendRealServers(StringBuilder text, DirectorState state)
    {
        Family(text, "director_data_plane_info", "gauge", "The forwarding backend of this director (1 for the one in use).");
        Sample(text, "director_data_plane_info", [("backend", state.DataPlane)], 1);
        var servers = state.VirtualServers.SelectMany(vs => vs.RealServers.Select(rs => (Vs: vs.Name, Rs: rs))).ToList();
        Family(text, "director_real_server_up", "gauge", "1 when the real server's checks pass, 0 when it is down.");
        foreach (var (vs, rs) in servers)
            Sample(text, "director_real_server_up", [("virtual_server", vs), ("real_server", rs.Address)], rs.Healthy ? 1 : 0);
        Family(text, "director_real_server_weight", "gauge", "Weight of the real server in the kernel table (0: not forwarded to).");
        foreach (var (vs, rs) in servers)
            Sample(text, "director_real_server_weight", [("virtual_server", vs), ("real_server", rs.Address)], rs.Weight);
        Family(text, "director_real_server_active_connections", "gauge", "Active connections to the real server (conntrack on nftables).");
        foreach (var (vs, rs) in servers)
            Sample(text, "director_real_server_active_connections", [("virtual_server", vs), ("real_server", rs.Address)], rs.ActiveConnections);
        Family(text, "director_real_server_inactive_connections", "gauge", "Connections to the real server not established (IPVS's InActConn; 0 on nftables).");
        foreach (var (vs, rs) in servers)
            Sample(text, "director_real_server_inactive_connections", [("virtual_server", vs), ("real_server", rs.Address)], rs.InactiveConnections);
    }

    private static void AppendChecks(StringBuilder text, HealthCheckMetrics checks)
    {
        Family(text, "director_check_runs_total", "counter", "Completed health check runs, by result.");
        foreach (var c in checks.Checks)
        {
            Sample(text, "director_check_runs_total", [.. CheckLabels(c), ("result", "success")], c.Succeeded);
            Sample(text, "director_check_runs_total", [.. CheckLabels(c), ("result", "failure")], c.Failed);
        }

        Family(text, "director_check_latency_seconds", "histogram", "Latency of completed health check runs.");
        foreach (var c in checks.Checks)
        {
            var labels = CheckLabels(c);
            for (var i = 0; i < HealthCheckStatistics.LatencyBuckets.Count && i < c.LatencyBuckets.Count; i++)
                Sample(text, "director_check_latency_seconds_bucket",
                    [.. labels, ("le", HealthCheckStatistics.LatencyBuckets[i].ToString("R", CultureInfo.InvariantCulture))], c.LatencyBuckets[i]);
            Sample(text, "director_check_latency_seconds_bucket", [.. labels, ("le", "+Inf")], c.Succeeded + c.Failed);
            Sample(text, "director_check_latency_seconds_sum", labels, c.LatencySumSeconds);
            Sample(text, "director_check_latency_seconds_count", labels, c.Succeeded + c.Failed);
        }

        Family(text, "director_real_server_transitions_total", "counter", "Real servers going up or down since start.");
        foreach (var t in checks.RealServerTransitions)
        {
            Sample(text, "director_real_server_transitions_total", [("virtual_server", t.VirtualServer), ("real_server", t.RealServer), ("to", "up")], t.Up);
            Sample(text, "director_real_server_transitions_total", [("virtual_server", t.VirtualServer), ("real_server", t.RealServer), ("to", "down")], t.Down);
        }
    }

    private static (string Name, string Value)[] CheckLabels(CheckStatsView c) =>
        [("virtual_server", c.VirtualServer), ("real_server", c.RealServer), ("checker", SnakeCase(c.Checker))];

    /// <summary>One metric family with one sample per VRRP instance.</summary>
    private static void PerInstance(StringBuilder text, IEnumerable<VrrpInstanceView> instances, string name, string type, string help, Func<VrrpInstanceView, double> value)
    {
        Family(text, name, type, help);
        foreach (var i in instances)
            Sample(text, name, [("instance", i.Name)], value(i));
    }

    private static void Family(StringBuilder text, string name, string type, string help) =>
        text.Append("# HELP ").Append(name).Append(' ').Append(help).Append('\n')
            .Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');

    private static void Sample(StringBuilder text, string name, (string Name, string Value)[] labels, double value)
    {
        text.Append(name);
        if (labels.Length > 0)
        {
            text.Append('{');
            text.AppendJoin(',', labels.Select(l => $"{l.Name}=\"{Escape(l.Value)}\""));
            text.Append('}');
        }
        text.Append(' ').Append(value.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
    }

    private static string Escape(string value) => value.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n");

    /// <summary>TtlNot255 -> ttl_not255.</summary>
    public static string SnakeCase(string name)
    {
        var text = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0) text.Append('_');
            text.Append(char.ToLowerInvariant(name[i]));
        }
        return text.ToString();
    }
}
