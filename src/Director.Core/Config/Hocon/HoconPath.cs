namespace Director.Core.Config.Hocon;

/// <summary>
/// Where a value sits in the document (<c>director.topology.vrrp_instances[0].priority</c>),
/// built into text only when a message needs it.
/// </summary>
internal sealed class HoconPath
{
    private readonly HoconPath? _parent;
    private readonly string? _key;
    private readonly int _index;

    private HoconPath(HoconPath? parent, string? key, int index)
    {
        _parent = parent;
        _key = key;
        _index = index;
    }

    /// <summary>A root given as already-written path text, e.g. <c>director.topology</c>.</summary>
    public static HoconPath Root(string text) => new(null, text, -1);

    public HoconPath Child(string key) => new(this, key, -1);

    public HoconPath Item(int index) => new(this, null, index);

    public override string ToString()
    {
        if (_parent is null) return _key ?? "";
        return _key is not null ? _parent + "." + HoconText.Key(_key) : $"{_parent}[{_index}]";
    }
}
