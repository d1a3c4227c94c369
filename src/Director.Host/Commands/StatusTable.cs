using System.Globalization;
using System.Text;
using Director.Actors.State;

namespace Director.Host.Commands;

/// <summary>The readable form of a cluster-wide status: one row per VRRP instance of every director.</summary>
public static class StatusTable
{
    private const int TransitionsShown = 10;

    public static string Format(ClusterStateView state)
    {
        var text = new StringBuilder();
        var reached = state.Directors.Count(d => d.State is not null);
        text.Append(CultureInfo.InvariantCulture,
            $"{state.Directors.Count} director(s), {reached} answered; cluster {(state.ClusterEnabled ? $"on, leader {state.Leader ?? "none"}" : "off")}\n\n");

        string[] header = ["DIRECTOR", "INSTANCE", "INTERFACE", "STATE", "PRIO", "MASTER", "VIPS", "SENT", "RECV", "DROPS"];
        var rows = new List<string[]> { header };
        foreach (var director in state.Directors)
        {
            if (director.State is not { } s)
            {
                rows.Add([director.Address, "-", "-", director.Reachable ? "NO ANSWER" : "UNREACHABLE", "", "", director.Error ?? "", "", "", ""]);
                continue;
            }
            if (s.VrrpInstances.Count == 0)
                rows.Add([s.Node, "-", "-", s.VrrpRunning ? "no instances" : "VRRP off", "", "", "", "", "", ""]);
            foreach (var i in s.VrrpInstances)
                rows.Add([
                    s.Node, i.Name, i.Interface, i.State,
                    i.Priority == i.BasePriority ? Num(i.Priority) : $"{i.Priority}({i.BasePriority})",
                    i.Master ?? "-", i.Vips.Count == 0 ? "-" : string.Join(',', i.Vips),
                    Num(i.AdvertsSent), Num(i.AdvertsReceived), Num(i.Drops.Values.Sum()),
                ]);
        }
        AppendTable(text, rows);

        text.Append('\n');
        foreach (var s in state.Directors.Select(d => d.State).OfType<DirectorState>())
        {
            text.Append(CultureInfo.InvariantCulture, $"{s.Node} ({s.Address}): data plane {s.DataPlane}, {s.VirtualServers.Count} virtual server(s)");
            if (s.KernelWrites is { } k)
                text.Append(CultureInfo.InvariantCulture, $", kernel writes {k.Writes} ({k.Failures} failed, mean {k.MeanLatencySeconds * 1000:0.###} ms)");
            text.Append('\n');
            foreach (var problem in s.Problems)
                text.Append("  problem: ").Append(problem).Append('\n');
        }

        AppendVirtualServers(text, state.Directors.Select(d => d.State).OfType<DirectorState>());

        var transitions = state.Directors.Select(d => d.State).OfType<DirectorState>()
            .SelectMany(s => s.RecentTransitions.Select(t => (s.Node, t)))
            .OrderByDescending(x => x.t.At).Take(TransitionsShown).ToList();
        if (transitions.Count > 0)
        {
            text.Append("\nrecent transitions (newest first):\n");
            foreach (var (node, t) in transitions)
                text.Append(CultureInfo.InvariantCulture, $"  {t.At.ToUniversalTime():yyyy-MM-dd HH:mm:ss.fff}Z {node} {t.Instance}: {t.From} -> {t.To} (priority {t.Priority})\n");
        }
        return text.ToString();
    }

    /// <summary>One table per director running virtual servers: each real server with health, weight, active and inactive connections.</summary>
    private static void AppendVirtualServers(StringBuilder text, IEnumerable<DirectorState> directors)
    {
        foreach (var s in directors.Where(d => d.VirtualServers.Count > 0))
        {
            text.Append(CultureInfo.InvariantCulture, $"\nvirtual servers of {s.Node} (data plane {s.DataPlane}):\n");
            var rows = new List<string[]> { new[] { "VIRTUAL SERVER", "PROTO", "SCHED", "REAL SERVER", "HEALTH", "WEIGHT", "ACTIVE", "INACTIVE", "OPERATOR" } };
            foreach (var vs in s.VirtualServers)
            {
                if (vs.RealServers.Count == 0)
                    rows.Add([vs.Name, vs.Protocol, vs.Scheduler, "-", "no answer", "", "", "", ""]);
                for (var i = 0; i < vs.RealServers.Count; i++)
                {
                    var rs = vs.RealServers[i];
                    rows.Add([
                        i == 0 ? vs.Name : "", i == 0 ? vs.Protocol : "", i == 0 ? vs.Scheduler : "",
                        rs.Address, rs.Healthy ? "up" : "DOWN", Num(rs.Weight), Num(rs.ActiveConnections), Num(rs.InactiveConnections),
                        rs.OperatorWeight switch { null => "", 0 => "drained", var w => $"weight {Num(w.Value)}" },
                    ]);
                }
            }
            AppendTable(text, rows);
        }
    }

    private static string Num(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static void AppendTable(StringBuilder text, List<string[]> rows)
    {
        var widths = Enumerable.Range(0, rows[0].Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
        foreach (var row in rows)
            text.Append(string.Join("  ", row.Select((cell, c) => cell.PadRight(widths[c]))).TrimEnd()).Append('\n');
    }
}
