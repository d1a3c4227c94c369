using Director.Core.Config.Syntax;

namespace Director.Host.Commands;

/// <summary>Prints configuration problems as <c>file:line: error: ...</c>, paths relative to the current directory.</summary>
public static class DiagnosticPrinter
{
    public static void Print(IEnumerable<ConfigDiagnostic> diagnostics, TextWriter to)
    {
        foreach (var diagnostic in diagnostics)
            to.WriteLine(Relative(diagnostic).ToString());
    }

    public static ConfigDiagnostic Relative(ConfigDiagnostic diagnostic)
    {
        var file = diagnostic.Location.File;
        if (Path.IsPathRooted(file))
        {
            var relative = Path.GetRelativePath(Environment.CurrentDirectory, file);
            if (!relative.StartsWith("..", StringComparison.Ordinal))
                file = relative;
        }
        return diagnostic with { Location = diagnostic.Location with { File = file } };
    }
}
