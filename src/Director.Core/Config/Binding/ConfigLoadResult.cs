using Director.Core.Config.Model;
using Director.Core.Config.Syntax;

namespace Director.Core.Config.Binding;

/// <summary>The bound configuration (null when any error was found) and every diagnostic, in file order.</summary>
public sealed record ConfigLoadResult(KeepalivedConfig? Config, IReadOnlyList<ConfigDiagnostic> Diagnostics)
{
    public bool HasErrors => Diagnostics.Any(d => d.IsError);
}
