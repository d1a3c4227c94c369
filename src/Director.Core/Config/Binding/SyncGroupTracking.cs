using Director.Core.Config.Model;

namespace Director.Core.Config.Binding;

/// <summary>
/// keepalived ignores tracking weights of instances in a sync group (unless the group sets
/// <c>sync_group_tracking_weight</c>): tracked interfaces and files act with weight 0 (fault on
/// failure) and tracked scripts with a weight are dropped. Applied here, with a warning, so the
/// model says what will actually happen.
/// </summary>
internal static class SyncGroupTracking
{
    public static List<BoundInstance> Apply(
        BindContext ctx,
        IReadOnlyList<VrrpSyncGroup> groups,
        IReadOnlyList<BoundInstance> instances,
        IReadOnlyList<VrrpScript> scripts,
        IReadOnlyList<TrackFile> files)
    {
        var groupOf = new Dictionary<string, VrrpSyncGroup>();
        foreach (var group in groups)
            foreach (var member in group.Group)
                groupOf.TryAdd(member, group);
        var scriptWeight = scripts.GroupBy(s => s.Name).ToDictionary(g => g.Key, g => g.First().Weight);
        var fileWeight = files.GroupBy(f => f.Name).ToDictionary(g => g.Key, g => g.First().Weight);

        return instances.Select(bound =>
        {
            var vi = bound.Instance;
            if (!groupOf.TryGetValue(vi.Name, out var group) || group.SyncGroupTrackingWeight) return bound;
            var hint = $"in vrrp_sync_group {group.Name} (as in keepalived; set sync_group_tracking_weight to keep them)";
            if (vi.TrackInterface.Any(t => t.Weight != 0))
            {
                ctx.Warning(bound.Node, $"{vi.Name}: track_interface weights are ignored {hint}");
                vi = vi with { TrackInterface = vi.TrackInterface.Select(t => t with { Weight = 0 }).ToEquatableList() };
            }
            var weighted = vi.TrackScript.Where(t => (t.Weight ?? scriptWeight.GetValueOrDefault(t.Name)) != 0).ToList();
            if (weighted.Count > 0)
            {
                ctx.Warning(bound.Node, $"{vi.Name}: track_script {string.Join(", ", weighted.Select(t => t.Name))} with a weight is not tracked {hint}");
                vi = vi with { TrackScript = vi.TrackScript.Except(weighted).ToEquatableList() };
            }
            if (vi.TrackFile.Any(t => (t.Weight ?? fileWeight.GetValueOrDefault(t.Name)) != 0))
            {
                ctx.Warning(bound.Node, $"{vi.Name}: track_file weights are ignored {hint}");
                vi = vi with { TrackFile = vi.TrackFile.Select(t => t with { Weight = 0 }).ToEquatableList() };
            }
            return bound with { Instance = vi };
        }).ToList();
    }
}
