namespace Director.Core.Config.Syntax;

public enum DiagnosticSeverity
{
    Warning,
    Error,
}

/// <summary>A problem found in a configuration, always tied to a file and line.</summary>
public sealed record ConfigDiagnostic(SourceLocation Location, DiagnosticSeverity Severity, string Message)
{
    public bool IsError => Severity == DiagnosticSeverity.Error;

    public static ConfigDiagnostic Error(SourceLocation at, string message) => new(at, DiagnosticSeverity.Error, message);

    public static ConfigDiagnostic Warning(SourceLocation at, string message) => new(at, DiagnosticSeverity.Warning, message);

    public override string ToString() =>
        $"{Location}: {(IsError ? "error" : "warning")}: {Message}";
}
