using Director.Host.Management;

namespace Director.Host.Daemon;

/// <summary>
/// The sections of the operations settings (director.*) that differ: none of them can change at
/// run time (ports bound, cluster joined, store opened), so a reload only reports them.
/// </summary>
public static class OpsSettingsChanges
{
    public static IReadOnlyList<string> Between(OpsSettings running, OpsSettings next)
    {
        ArgumentNullException.ThrowIfNull(running);
        ArgumentNullException.ThrowIfNull(next);
        var changed = new List<string>();
        if (running.NodeName != next.NodeName) changed.Add("director.node-name");
        if (running.Cluster with { SeedNodes = [] } != next.Cluster with { SeedNodes = [] }
            || !running.Cluster.SeedNodes.SequenceEqual(next.Cluster.SeedNodes, StringComparer.Ordinal))
            changed.Add("director.cluster");
        if (running.Management != next.Management) changed.Add("director.management");
        if (running.History != next.History) changed.Add("director.history");
        if (running.Lb != next.Lb) changed.Add("director.lb");
        if (running.RecentTransitions != next.RecentTransitions) changed.Add("director.recent-transitions");
        return changed;
    }
}
