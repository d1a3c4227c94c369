using System.Globalization;
using System.Text;
using Director.Actors.State;

namespace Director.Host.Management;

/// <summary>Formats one director's state in the Prometheus text exposition format (version 0.0.4).</summary>
public static class PrometheusText
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private static readonly string[] States = ["INIT", "BACKUP", "MASTER", "FAULT", "STOP"];

    public static string Format(DirectorState state)
    {
        var text = new StringBuilder();
        var instances = state.VrrpInstances;

        Family(text, "director_vrrp_instance_state", "gauge", "1 for the state the VRRP instance is in, 0 for the others.");
        foreach (var i in instances)
            foreach (var s in States)
                Sample(text, "director_vrrp_instance_state", [("instance", i.Name), ("state", s)], i.State == s ? 1 : 0);

        Family(text, "director_vrrp_instance_priority", "gauge", "Effective priority of the VRRP instance.");
        foreach (var i in instances)
            Sample(text, "director_vrrp_instance_priority", [("instance", i.Name)], i.Priority);

        Family(text, "director_vrrp_transitions_total", "counter", "VRRP state changes since start.");
        foreach (var i in instances)
            Sample(text, "director_vrrp_transitions_total", [("instance", i.Name)], i.Transitions);

        Family(text, "director_vrrp_adverts_sent_total", "counter", "VRRP adverts sent.");
        foreach (var i in instances)
            Sample(text, "director_vrrp_adverts_sent_total", [("instance", i.Name)], i.AdvertsSent);

        Family(text, "director_vrrp_adverts_received_total", "counter", "VRRP adverts received and accepted.");
        foreach (var i in instances)
            Sample(text, "director_vrrp_adverts_received_total", [("instance", i.Name)], i.AdvertsReceived);

        Family(text, "director_vrrp_adverts_dropped_total", "counter", "VRRP datagrams dropped, by reason.");
        foreach (var i in instances)
            foreach (var (reason, count) in i.Drops.OrderBy(d => d.Key, StringComparer.Ordinal))
                Sample(text, "director_vrrp_adverts_dropped_total", [("instance", i.Name), ("reason", SnakeCase(reason))], count);

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
        }
        return text.ToString();
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
