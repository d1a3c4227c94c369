namespace Director.Core.Config.Syntax;

/// <summary>
/// Builds the node tree from word lines and braces: a '{' opens a block on the word line just
/// before it (on the same physical line or not), '}' closes the innermost block.
/// </summary>
internal sealed class TreeBuilder(List<ConfigDiagnostic> diagnostics)
{
    private sealed class Frame(ConfigNode? owner, SourceLocation openedAt)
    {
        public ConfigNode? Owner { get; } = owner;
        public SourceLocation OpenedAt { get; } = openedAt;
        public List<ConfigNode> Children { get; } = [];
    }

    private readonly List<Frame> _stack = [new Frame(null, SourceLocation.None)];
    private bool _previousWasWords;

    public void Add(SyntaxItem item)
    {
        var current = _stack[^1];
        switch (item.Kind)
        {
            case SyntaxItemKind.Words:
                current.Children.Add(new ConfigNode(item.Words[0], item.Words.Skip(1).ToArray(), [], item.Location, false));
                _previousWasWords = true;
                return;
            case SyntaxItemKind.OpenBrace:
                if (_previousWasWords)
                {
                    var owner = current.Children[^1];
                    current.Children.RemoveAt(current.Children.Count - 1);
                    _stack.Add(new Frame(owner, owner.Location));
                }
                else
                {
                    diagnostics.Add(ConfigDiagnostic.Error(item.Location, "unexpected '{': a block must follow a keyword"));
                    _stack.Add(new Frame(null, item.Location));
                }
                break;
            case SyntaxItemKind.CloseBrace:
                if (_stack.Count == 1) diagnostics.Add(ConfigDiagnostic.Error(item.Location, "unexpected '}'"));
                else Close();
                break;
        }
        _previousWasWords = false;
    }

    /// <summary>Closes (and reports) blocks left open; returns the top-level nodes.</summary>
    public IReadOnlyList<ConfigNode> Finish()
    {
        while (_stack.Count > 1)
        {
            var frame = _stack[^1];
            var what = frame.Owner is null ? "'{'" : $"'{frame.Owner.Keyword}' block";
            diagnostics.Add(ConfigDiagnostic.Error(frame.OpenedAt, $"{what} opened here is not closed: expected '}}'"));
            Close();
        }
        return _stack[0].Children;
    }

    private void Close()
    {
        var frame = _stack[^1];
        _stack.RemoveAt(_stack.Count - 1);
        var parent = _stack[^1];
        // A block without a keyword (after an error) gives its lines to the enclosing block.
        if (frame.Owner is null) parent.Children.AddRange(frame.Children);
        else parent.Children.Add(frame.Owner with { Children = frame.Children, HasBlock = true });
    }
}
