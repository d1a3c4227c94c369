namespace Director.Core.Balancing;

/// <summary>
/// What a read-back of the kernel's forwarding table found against the table director last
/// applied, and whether it was written back.
/// </summary>
/// <param name="Missing">Services of director's table the kernel no longer held.</param>
/// <param name="Changed">Services the kernel held otherwise (settings or destinations).</param>
/// <param name="MissingTables">Tables of director's that were gone ("ip director", ...).</param>
/// <param name="Restored">How many services the write put back (the whole table, or the ones that differed).</param>
/// <param name="Written">Whether anything was written.</param>
public sealed record ForwardingRepair(
    IReadOnlyList<VirtualServiceKey> Missing,
    IReadOnlyList<VirtualServiceKey> Changed,
    IReadOnlyList<string> MissingTables,
    int Restored,
    bool Written)
{
    public static readonly ForwardingRepair None = new([], [], [], 0, false);

    /// <summary>For logs: "table ip director missing; 2 services missing (TCP 10.0.0.1:80, ...)".</summary>
    public string Found()
    {
        var parts = new List<string>();
        if (MissingTables.Count > 0) parts.Add($"table{(MissingTables.Count > 1 ? "s" : "")} {string.Join(", ", MissingTables)} missing");
        if (Missing.Count > 0) parts.Add($"{Missing.Count} service{(Missing.Count > 1 ? "s" : "")} missing ({Sample(Missing)})");
        if (Changed.Count > 0) parts.Add($"{Changed.Count} service{(Changed.Count > 1 ? "s" : "")} changed ({Sample(Changed)})");
        return parts.Count == 0 ? "every service in place" : string.Join("; ", parts);
    }

    private static string Sample(IReadOnlyList<VirtualServiceKey> keys) =>
        string.Join(", ", keys.Take(3)) + (keys.Count > 3 ? ", ..." : "");
}
