namespace Director.Core.Config.Syntax;

/// <summary>
/// One logical configuration line: its first word, the words after it and, when the line opens a
/// <c>{ }</c> block, the lines inside. Inside value blocks such as <c>virtual_ipaddress</c> the
/// keyword is simply the first word of the line (e.g. an address).
/// </summary>
public sealed record ConfigNode(
    string Keyword,
    IReadOnlyList<string> Arguments,
    IReadOnlyList<ConfigNode> Children,
    SourceLocation Location,
    bool HasBlock)
{
    /// <summary>The keyword followed by the arguments.</summary>
    public IEnumerable<string> Words => Arguments.Prepend(Keyword);

    public override string ToString() =>
        HasBlock ? $"{string.Join(' ', Words)} {{ {Children.Count} }}" : string.Join(' ', Words);
}
