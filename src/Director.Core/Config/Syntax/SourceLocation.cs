namespace Director.Core.Config.Syntax;

/// <summary>Where a line of configuration came from, after includes are followed.</summary>
public readonly record struct SourceLocation(string File, int Line)
{
    public static readonly SourceLocation None = new("<none>", 0);

    /// <summary><c>FILE:LINE</c>; just <c>FILE</c> when the line is unknown (0), as for HOCON input.</summary>
    public override string ToString() => Line > 0 ? $"{File}:{Line}" : File;
}
