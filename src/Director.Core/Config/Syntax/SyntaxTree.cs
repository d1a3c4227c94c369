namespace Director.Core.Config.Syntax;

/// <summary>The top-level nodes of a configuration plus what went wrong while reading it.</summary>
public sealed record SyntaxTree(IReadOnlyList<ConfigNode> Nodes, IReadOnlyList<ConfigDiagnostic> Diagnostics)
{
    public bool HasErrors => Diagnostics.Any(d => d.IsError);
}
