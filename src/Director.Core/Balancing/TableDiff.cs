namespace Director.Core.Balancing;

/// <summary>The minimal list of changes from one table to another; unchanged things are not named.</summary>
public static class TableDiff
{
    /// <summary>
    /// Order: service removals, destination removals, service edits, service additions,
    /// destination additions and edits, each group in service key order. Removing first keeps IPVS
    /// from ever holding both an old and a new destination over a limit. Only changed services are
    /// sorted, so one change in a large table costs one pass of equality checks.
    /// </summary>
    public static IReadOnlyList<TableChange> Between(DesiredTable old, DesiredTable target)
    {
        var removed = old.Services.Keys.Where(k => !target.Services.ContainsKey(k)).ToList();
        var changed = new List<(VirtualService? Before, VirtualService After)>();
        foreach (var service in target.Services.Values)
        {
            var before = old.Find(service.Key);
            if (before is not null && (ReferenceEquals(before, service) || before.Equals(service))) continue;
            changed.Add((before, service));
        }

        if (removed.Count == 0 && changed.Count == 0) return [];

        var removals = new DesiredTable(removed.Select(k => old.Services[k])).Ordered.Select(s => (TableChange)new RemoveService(s.Key));
        var destinationRemovals = new List<TableChange>();
        var edits = new List<TableChange>();
        var additions = new List<TableChange>();
        var destinationChanges = new List<TableChange>();
        var byKey = changed.ToDictionary(c => c.After.Key);
        foreach (var service in new DesiredTable(changed.Select(c => c.After)).Ordered)
        {
            var before = byKey[service.Key].Before;
            if (before is null)
            {
                additions.Add(new AddService(service));
                destinationChanges.AddRange(service.Destinations.Select(d => new AddDestination(service.Key, d)));
                continue;
            }

            if (!before.SameSettingsAs(service)) edits.Add(new EditService(before, service));
            DiffDestinations(before, service, destinationRemovals, destinationChanges);
        }

        return [.. removals, .. destinationRemovals, .. edits, .. additions, .. destinationChanges];
    }

    private static void DiffDestinations(
        VirtualService before, VirtualService after, List<TableChange> removals, List<TableChange> changes)
    {
        var afterKeys = after.Destinations.Select(d => d.Key).ToHashSet();
        foreach (var d in before.Destinations)
        {
            if (!afterKeys.Contains(d.Key)) removals.Add(new RemoveDestination(after.Key, d.Key));
        }

        foreach (var d in after.Destinations)
        {
            var previous = before.FindDestination(d.Key);
            if (previous is null) changes.Add(new AddDestination(after.Key, d));
            else if (previous != d) changes.Add(new EditDestination(after.Key, previous, d));
        }
    }
}
