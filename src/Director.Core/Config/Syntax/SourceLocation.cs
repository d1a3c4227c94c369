namespace Director.Core.Config.Syntax;

/// <summary>Where a line of configuration came from, after includes are followed.</summary>
public readonly record struct SourceLocation(string File, int Line)
{
    public static readonly SourceLocation None = new("<none>", 0);

    public override string ToString() => $"{File}:{Line}";
}
