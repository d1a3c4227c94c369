using System.Globalization;
using System.Text;
using Director.Actors.State;

namespace Director.Host.Daemon;

/// <summary>
/// The SIGUSR1 dump in the spirit of keepalived's /tmp/keepalived.data: "------&lt; Section &gt;------"
/// headers with " Key = value" lines: this director, its VRRP instances, its virtual servers with
/// their real servers, kernel writes and the recent transitions.
/// </summary>
public static class KeepalivedDataText
{
    public static string Format(DirectorState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var text = new StringBuilder();
        Section(text, "Global definitions");
        Line(text, 1, "Router ID", state.Node);
        Line(text, 1, "Cluster address", state.Address);
        Line(text, 1, "Taken", state.At.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        Line(text, 1, "VRRP", state.VrrpRunning ? "running" : "not running");
        Line(text, 1, "Data plane", state.DataPlane);
        foreach (var problem in state.Problems)
            Line(text, 1, "Problem", problem);

        Section(text, "VRRP Topology");
        foreach (var i in state.VrrpInstances)
        {
            Line(text, 1, "VRRP Instance", i.Name);
            Line(text, 3, "State", i.State);
            Line(text, 3, "Interface", i.Interface);
            Line(text, 3, "Priority", Num(i.BasePriority));
            Line(text, 3, "Effective priority", Num(i.Priority));
            Line(text, 3, "Master", i.Master ?? "(none)");
            Line(text, 3, "Transitions", Num(i.Transitions));
            text.Append(CultureInfo.InvariantCulture, $"   Virtual IP ({i.Vips.Count}):\n");
            foreach (var vip in i.Vips)
                text.Append("     ").Append(vip).Append('\n');
        }

        Section(text, "LVS Topology");
        Line(text, 1, "Data plane", state.DataPlane);
        foreach (var vs in state.VirtualServers)
        {
            Line(text, 1, "Virtual Server", vs.Name);
            Line(text, 3, "Protocol", vs.Protocol);
            Line(text, 3, "Scheduler", vs.Scheduler);
            foreach (var rs in vs.RealServers)
            {
                Line(text, 3, "Real Server", rs.Address);
                Line(text, 5, "Alive", rs.Healthy ? "yes" : "no");
                Line(text, 5, "Weight", Num(rs.Weight));
                Line(text, 5, "Active connections", Num(rs.ActiveConnections));
            }
        }

        if (state.KernelWrites is { } k)
        {
            Section(text, "Kernel writes");
            Line(text, 1, "Writes", Num(k.Writes));
            Line(text, 1, "Failures", Num(k.Failures));
            Line(text, 1, "Mean latency", $"{k.MeanLatencySeconds * 1000:0.###} ms");
            Line(text, 1, "Pending", Num(k.Pending));
        }

        Section(text, "Recent transitions");
        foreach (var t in state.RecentTransitions)
            text.Append(CultureInfo.InvariantCulture, $" {t.At.ToUniversalTime():yyyy-MM-dd HH:mm:ss.fff}Z {t.Instance} {t.From} -> {t.To} (priority {t.Priority})\n");
        return text.ToString();
    }

    private static void Section(StringBuilder text, string name) => text.Append("------< ").Append(name).Append(" >------\n");

    private static void Line(StringBuilder text, int indent, string key, string value) =>
        text.Append(' ', indent).Append(key).Append(" = ").Append(value).Append('\n');

    private static string Num(long value) => value.ToString(CultureInfo.InvariantCulture);
}
