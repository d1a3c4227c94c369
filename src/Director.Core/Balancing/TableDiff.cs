namespace Director.Core.Balancing;

/// <summary>The minimal list of changes from one table to another; unchanged things are not named.</summary>
public static class TableDiff
{
    /// <summary>
    /// Order: service removals, destination removals, service edits, service additions,
    /// destination additions and edits. Removing first keeps IPVS from ever holding both an old
    /// and a new destination over a limit; each service's changes keep destination key order.
    /// </summary>
    public static IReadOnlyList<TableChange> Between(DesiredTable old, DesiredTable target)
    {
        var removals = new List<TableChange>();
        var destinationRemovals = new List<TableChange>();
        var edits = new List<TableChange>();
        var additions = new List<TableChange>();
        var destinationChanges = new List<TableChange>();

        foreach (var service in old.Ordered)
        {
            if (!target.Services.ContainsKey(service.Key)) removals.Add(new RemoveService(service.Key));
        }

        foreach (var service in target.Ordered)
        {
            var before = old.Find(service.Key);
            if (before is null)
            {
                additions.Add(new AddService(service));
                destinationChanges.AddRange(service.Destinations.Select(d => new AddDestination(service.Key, d)));
                continue;
            }

            if (ReferenceEquals(before, service) || before.Equals(service)) continue;
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
