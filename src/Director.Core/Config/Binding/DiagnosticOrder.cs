using Director.Core.Config.Syntax;

namespace Director.Core.Config.Binding;

/// <summary>
/// Orders diagnostics as the configuration reads: files in the order their lines appear in the
/// tree (so an included file sits where it was included), then by line, then as reported.
/// </summary>
internal static class DiagnosticOrder
{
    public static List<ConfigDiagnostic> Sort(SyntaxTree tree, IEnumerable<ConfigDiagnostic> diagnostics)
    {
        var list = diagnostics.ToList();
        // A clean configuration (the common case) need not walk the whole tree.
        if (list.Count == 0) return list;
        var fileRank = new Dictionary<string, int>();
        foreach (var node in Flatten(tree.Nodes)) fileRank.TryAdd(node.Location.File, fileRank.Count);
        foreach (var d in list) fileRank.TryAdd(d.Location.File, fileRank.Count);
        return list
            .Select((d, index) => (d, index))
            .OrderBy(x => fileRank[x.d.Location.File])
            .ThenBy(x => x.d.Location.Line)
            .ThenBy(x => x.index)
            .Select(x => x.d)
            .ToList();
    }

    private static IEnumerable<ConfigNode> Flatten(IEnumerable<ConfigNode> nodes) =>
        nodes.SelectMany(n => Flatten(n.Children).Prepend(n));
}
