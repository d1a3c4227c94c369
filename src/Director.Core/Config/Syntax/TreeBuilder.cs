namespace Director.Core.Config.Syntax;

/// <summary>
/// Builds the node tree from word lines and braces: a '{' opens a block on the word line just
/// before it (on the same physical line or not), '}' closes the innermost block.
/// </summary>
internal static class TreeBuilder
{
    private sealed class Frame(ConfigNode? owner, SourceLocation openedAt)
    {
        public ConfigNode? Owner { get; } = owner;
        public SourceLocation OpenedAt { get; } = openedAt;
        public List<ConfigNode> Children { get; } = [];
    }

    public static IReadOnlyList<ConfigNode> Build(IReadOnlyList<SyntaxItem> items, List<ConfigDiagnostic> diagnostics)
    {
        var root = new Frame(null, SourceLocation.None);
        var stack = new List<Frame> { root };
        var previousWasWords = false;
        foreach (var item in items)
        {
            var current = stack[^1];
            switch (item.Kind)
            {
                case SyntaxItemKind.Words:
                    current.Children.Add(new ConfigNode(item.Words[0], item.Words.Skip(1).ToArray(), [], item.Location, false));
                    previousWasWords = true;
                    continue;
                case SyntaxItemKind.OpenBrace:
                    if (previousWasWords)
                    {
                        var owner = current.Children[^1];
                        current.Children.RemoveAt(current.Children.Count - 1);
                        stack.Add(new Frame(owner, owner.Location));
                    }
                    else
                    {
                        diagnostics.Add(ConfigDiagnostic.Error(item.Location, "unexpected '{': a block must follow a keyword"));
                        stack.Add(new Frame(null, item.Location));
                    }
                    break;
                case SyntaxItemKind.CloseBrace:
                    if (stack.Count == 1) diagnostics.Add(ConfigDiagnostic.Error(item.Location, "unexpected '}'"));
                    else Close(stack);
                    break;
            }
            previousWasWords = false;
        }

        while (stack.Count > 1)
        {
            var frame = stack[^1];
            var what = frame.Owner is null ? "'{'" : $"'{frame.Owner.Keyword}' block";
            diagnostics.Add(ConfigDiagnostic.Error(frame.OpenedAt, $"{what} opened here is not closed: expected '}}'"));
            Close(stack);
        }
        return root.Children;
    }

    private static void Close(List<Frame> stack)
    {
        var frame = stack[^1];
        stack.RemoveAt(stack.Count - 1);
        var parent = stack[^1];
        // A block without a keyword (after an error) gives its lines to the enclosing block.
        if (frame.Owner is null) parent.Children.AddRange(frame.Children);
        else parent.Children.Add(frame.Owner with { Children = frame.Children, HasBlock = true });
    }
}
