namespace Director.Core.Config.Reload;

/// <summary>
/// Two generations of named items compared: kept as they were, added, removed, or changed (same
/// key, different value). Lists keep the order of the generation they come from.
/// </summary>
public sealed record KeyedDiff<T>(
    IReadOnlyList<T> Unchanged,
    IReadOnlyList<T> Added,
    IReadOnlyList<T> Removed,
    IReadOnlyList<(T Before, T After)> Changed)
{
    public bool IsEmpty => Added.Count == 0 && Removed.Count == 0 && Changed.Count == 0;
}

public static class KeyedDiff
{
    /// <summary>
    /// Compares <paramref name="before"/> and <paramref name="after"/> by <paramref name="key"/>;
    /// items are the same when <paramref name="same"/> says so (value equality by default). A key
    /// seen twice in one generation counts once (its first item).
    /// </summary>
    public static KeyedDiff<T> Of<T>(IEnumerable<T> before, IEnumerable<T> after, Func<T, string> key, Func<T, T, bool>? same = null)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        ArgumentNullException.ThrowIfNull(key);
        same ??= (a, b) => EqualityComparer<T>.Default.Equals(a, b);
        var old = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var item in before)
            old.TryAdd(key(item), item);

        var unchanged = new List<T>();
        var added = new List<T>();
        var changed = new List<(T, T)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in after)
        {
            var k = key(item);
            if (!seen.Add(k)) continue;
            if (!old.TryGetValue(k, out var previous)) added.Add(item);
            else if (same(previous, item)) unchanged.Add(item);
            else changed.Add((previous, item));
        }

        var removed = old.Where(kv => !seen.Contains(kv.Key)).Select(kv => kv.Value).ToList();
        return new KeyedDiff<T>(unchanged, added, removed, changed);
    }
}
