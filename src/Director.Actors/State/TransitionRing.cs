namespace Director.Actors.State;

/// <summary>The last <see cref="Capacity"/> items, oldest first. Not thread-safe (one actor owns it).</summary>
public sealed class TransitionRing<T>
{
    private readonly T[] _items;
    private int _next;
    private int _count;

    public TransitionRing(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _items = new T[capacity];
    }

    public int Capacity => _items.Length;

    public int Count => _count;

    public void Add(T item)
    {
        _items[_next] = item;
        _next = (_next + 1) % _items.Length;
        if (_count < _items.Length) _count++;
    }

    public IReadOnlyList<T> ToList()
    {
        var list = new List<T>(_count);
        var start = (_next - _count + _items.Length) % _items.Length;
        for (var i = 0; i < _count; i++)
            list.Add(_items[(start + i) % _items.Length]);
        return list;
    }
}
