using System.Collections.Immutable;
using Director.Actors.Balancing;

namespace Director.Actors.History;

/// <summary>
/// The operator overrides in force, in the order they were given (replaying them in that order
/// gives the same result). A new action drops the earlier ones it fully covers; an undrain that
/// leaves nothing to undo is not kept.
/// </summary>
public sealed record OverrideBook(ImmutableList<OverrideRecorded> Entries)
{
    public static readonly OverrideBook Empty = new(ImmutableList<OverrideRecorded>.Empty);

    public OverrideBook Record(OverrideRecorded entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (!RealServerSelector.TryParse(entry.RealServer, out var selector) || selector is null) return this;
        var kept = Entries.RemoveAll(e => Covers(entry.VirtualServer, selector, e));
        if (entry.IsClear && !kept.Any(e => Overlaps(entry.VirtualServer, selector, e))) return new OverrideBook(kept);
        return new OverrideBook(kept.Add(entry));
    }

    /// <summary>What a (re)started virtual server must be told, aimed at it.</summary>
    public IEnumerable<RealServerOverrideCommand> For(string virtualServer) =>
        Entries.Where(e => e.VirtualServer is null || e.VirtualServer == virtualServer)
            .Select(e => e.ToCommand(virtualServer))
            .OfType<RealServerOverrideCommand>();

    private static bool Covers(string? vs, RealServerSelector selector, OverrideRecorded earlier) =>
        (vs is null || vs == earlier.VirtualServer)
        && RealServerSelector.TryParse(earlier.RealServer, out var other) && other is not null
        && other.Ip.Equals(selector.Ip) && (selector.Port is null || selector.Port == other.Port);

    private static bool Overlaps(string? vs, RealServerSelector selector, OverrideRecorded other) =>
        (vs is null || other.VirtualServer is null || vs == other.VirtualServer)
        && RealServerSelector.TryParse(other.RealServer, out var o) && o is not null
        && o.Ip.Equals(selector.Ip) && (selector.Port is null || o.Port is null || selector.Port == o.Port);
}
