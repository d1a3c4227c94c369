namespace Director.Actors.History;

/// <summary>The most recent <see cref="Limit"/> entries (at or after <see cref="Since"/> when given), oldest first.</summary>
public sealed record GetHistory(int Limit, DateTimeOffset? Since = null);

public sealed record HistoryPage(IReadOnlyList<HistoryEntry> Entries);

/// <summary>What the history actor snapshots: the retained entries, oldest first.</summary>
public sealed record HistorySnapshot(IReadOnlyList<HistoryEntry> Entries);
