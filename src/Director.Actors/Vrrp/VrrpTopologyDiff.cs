using Director.Actors.Scripts;
using Director.Actors.Sync;
using Director.Core.Config.Model;
using Director.Core.Config.Reload;
using Director.Core.Vrrp.Sync;

namespace Director.Actors.Vrrp;

/// <summary>
/// What a reload changes on the VRRP side. An instance is unchanged when its settings are equal
/// and neither its sync group nor any script it tracks changed (their actors are linked to it, so
/// it restarts with them); changed instances are restarted, as keepalived does for most changes.
/// </summary>
public sealed record VrrpTopologyDiff(
    KeyedDiff<VrrpInstanceSettings> Instances,
    KeyedDiff<SyncGroupSettings> SyncGroups,
    KeyedDiff<VrrpScriptSettings> Scripts)
{
    public bool IsEmpty => Instances.IsEmpty && SyncGroups.IsEmpty && Scripts.IsEmpty;

    public static VrrpTopologyDiff Of(VrrpTopology before, VrrpTopology after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var scripts = KeyedDiff.Of(before.Scripts, after.Scripts, s => s.Name);
        var groups = KeyedDiff.Of(before.SyncGroups.Select(Normal), after.SyncGroups.Select(Normal), g => g.Name);
        var dirtyScripts = Dirty(scripts, s => s.Name);
        var dirtyGroups = Dirty(groups, g => g.Name);
        var instances = KeyedDiff.Of(before.Instances.Select(Normal), after.Instances.Select(Normal), i => i.Name, (a, b) =>
            a.Equals(b)
            && (b.SyncGroup is null || !dirtyGroups.Contains(b.SyncGroup))
            && !b.Tracking.Any(t => t.Kind == TrackedKind.Script && dirtyScripts.Contains(t.Name)));
        return new VrrpTopologyDiff(instances, groups, scripts);
    }

    /// <summary>One line per change, for the log and the reload answer.</summary>
    public IReadOnlyList<string> Describe()
    {
        var lines = new List<string>();
        Describe(lines, "vrrp_script", Scripts, s => s.Name, (a, b) => string.Join(", ", RecordChanges.Properties(a, b)));
        Describe(lines, "vrrp_sync_group", SyncGroups, g => g.Name, (a, b) => string.Join(", ", RecordChanges.Properties(a, b)));
        Describe(lines, "vrrp_instance", Instances, i => i.Name, InstanceChanges);
        return lines;
    }

    private static void Describe<T>(List<string> lines, string kind, KeyedDiff<T> diff, Func<T, string> name, Func<T, T, string> changes)
    {
        lines.AddRange(diff.Removed.Select(x => $"{kind} {name(x)} removed"));
        lines.AddRange(diff.Added.Select(x => $"{kind} {name(x)} added"));
        lines.AddRange(diff.Changed.Select(c => $"{kind} {name(c.After)} changed ({changes(c.Before, c.After)}): restarted"));
    }

    private static string InstanceChanges(VrrpInstanceSettings before, VrrpInstanceSettings after)
    {
        var names = new List<string>();
        foreach (var property in RecordChanges.Properties(before, after))
        {
            names.AddRange(property switch
            {
                nameof(VrrpInstanceSettings.Machine) => RecordChanges.Properties(before.Machine, after.Machine).Select(p => $"{property}.{p}"),
                nameof(VrrpInstanceSettings.Receive) => RecordChanges.Properties(before.Receive, after.Receive).Select(p => $"{property}.{p}"),
                _ => [property],
            });
        }

        if (names.Count == 0)
            names.Add(after.SyncGroup is not null ? $"sync group {after.SyncGroup} or a tracked script" : "a tracked script");
        return string.Join(", ", names.Distinct());
    }

    /// <summary>Lists compared by value whoever built the settings (the builder already uses EquatableList).</summary>
    private static VrrpInstanceSettings Normal(VrrpInstanceSettings s) => s with
    {
        Destinations = s.Destinations.ToEquatableList(),
        Vips = s.Vips.ToEquatableList(),
        Routes = s.Routes.ToEquatableList(),
        Tracking = s.Tracking.ToEquatableList(),
    };

    private static SyncGroupSettings Normal(SyncGroupSettings g) => g with { Members = g.Members.ToEquatableList() };

    private static HashSet<string> Dirty<T>(KeyedDiff<T> diff, Func<T, string> name) =>
        diff.Added.Concat(diff.Removed).Select(name).Concat(diff.Changed.Select(c => name(c.After))).ToHashSet(StringComparer.Ordinal);
}
