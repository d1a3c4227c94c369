using System.Collections;

namespace Director.Core.Config.Model;

/// <summary>
/// An immutable list that compares by its elements, so that records holding lists keep value
/// equality (a model parsed from keepalived.conf equals the same model loaded from HOCON).
/// </summary>
public sealed class EquatableList<T> : IReadOnlyList<T>, IEquatable<EquatableList<T>>
{
    public static readonly EquatableList<T> Empty = new([]);

    private readonly T[] _items;

    public EquatableList(IEnumerable<T> items) => _items = items.ToArray();

    public int Count => _items.Length;

    public T this[int index] => _items[index];

    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _items.GetEnumerator();

    public bool Equals(EquatableList<T>? other) =>
        other is not null && _items.AsSpan().SequenceEqual(other._items, EqualityComparer<T>.Default);

    public override bool Equals(object? obj) => obj is EquatableList<T> other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var item in _items) hash.Add(item);
        return hash.ToHashCode();
    }

    public override string ToString() => $"[{string.Join(", ", _items)}]";

    public static implicit operator EquatableList<T>(T[] items) => new(items);

    public static implicit operator EquatableList<T>(List<T> items) => new(items);
}

public static class EquatableList
{
    public static EquatableList<T> ToEquatableList<T>(this IEnumerable<T> items) => new(items);
}
