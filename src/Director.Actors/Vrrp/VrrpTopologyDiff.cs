using Director.Actors.Scripts;
using Director.Actors.Sync;
using Director.Core.Config.Model;
using Director.Core.Config.Reload;
using Director.Core.Vrrp.Sync;

namespace Director.Actors.Vrrp;

/// <summary>
/// What a reload changes on the VRRP side. An instance is unchanged when its settings are equal
/// and neither its sync group nor any script it tracks changed (their actors are linked to it, so
/// it restarts with them). A changed instance whose only differences are its VIPs, routes or
/// priority is updated in place (<see cref="InPlace"/>, as keepalived keeps its state); any other
/// change restarts it (<see cref="KeyedDiff{T}.Changed"/> of <see cref="Instances"/>).
/// </summary>
public sealed record VrrpTopologyDiff(
    KeyedDiff<VrrpInstanceSettings> Instances,
    KeyedDiff<SyncGroupSettings> SyncGroups,
    KeyedDiff<VrrpScriptSettings> Scripts,
    IReadOnlyList<VrrpInPlaceUpdate> InPlace)
{
    public bool IsEmpty => Instances.IsEmpty && SyncGroups.IsEmpty && Scripts.IsEmpty && InPlace.Count == 0;

    public static VrrpTopologyDiff Of(VrrpTopology before, VrrpTopology after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var scripts = KeyedDiff.Of(before.Scripts, after.Scripts, s => s.Name);
        var groups = KeyedDiff.Of(before.SyncGroups.Select(Normal), after.SyncGroups.Select(Normal), g => g.Name);
        var dirtyScripts = Dirty(scripts, s => s.Name);
        var dirtyGroups = Dirty(groups, g => g.Name);
        bool LinksUnchanged(VrrpInstanceSettings i) =>
            (i.SyncGroup is null || !dirtyGroups.Contains(i.SyncGroup))
            && !i.Tracking.Any(t => t.Kind == TrackedKind.Script && dirtyScripts.Contains(t.Name));
        var instances = KeyedDiff.Of(before.Instances.Select(Normal), after.Instances.Select(Normal), i => i.Name,
            (a, b) => a.Equals(b) && LinksUnchanged(b));

        var inPlace = new List<VrrpInPlaceUpdate>();
        var restarted = new List<(VrrpInstanceSettings, VrrpInstanceSettings)>();
        foreach (var (was, now) in instances.Changed)
        {
            if (LinksUnchanged(now) && VrrpInPlaceUpdate.Of(was, now) is { } update)
                inPlace.Add(update);
            else
                restarted.Add((was, now));
        }
        return new VrrpTopologyDiff(instances with { Changed = restarted }, groups, scripts, inPlace);
    }

    /// <summary>One line per change, for the log and the reload answer.</summary>
    public IReadOnlyList<string> Describe()
    {
        var lines = new List<string>();
        Describe(lines, "vrrp_script", Scripts, s => s.Name, (a, b) => string.Join(", ", RecordChanges.Properties(a, b)));
        Describe(lines, "vrrp_sync_group", SyncGroups, g => g.Name, (a, b) => string.Join(", ", RecordChanges.Properties(a, b)));
        Describe(lines, "vrrp_instance", Instances, i => i.Name, InstanceChanges);
        lines.AddRange(InPlace.Select(u => $"vrrp_instance {u.After.Name}: {u.Describe()} (in place)"));
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
