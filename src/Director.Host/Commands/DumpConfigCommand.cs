using Director.Core.Config.Syntax;
using Director.Host.CommandLine;

namespace Director.Host.Commands;

/// <summary>
/// `director dump-config`: the effective configuration after includes, $definitions, @id lines
/// and ~SEQ generators, in keepalived syntax (what keepalived -d shows, as re-readable text).
/// </summary>
public static class DumpConfigCommand
{
    public static int Run(CliOptions options, CommandContext io)
    {
        if (!File.Exists(options.ConfigFile))
        {
            io.Error.WriteLine($"{options.ConfigFile}: cannot read the configuration file");
            return ExitCodes.FileUnreadable;
        }
        var tree = KeepalivedSyntax.ParseFile(options.ConfigFile, ConfigLoading.ParseOptionsFor(options));
        io.Out.Write(SyntaxWriter.Write(tree));
        DiagnosticPrinter.Print(tree.Diagnostics, io.Error);
        return tree.HasErrors ? ExitCodes.ConfigErrors : ExitCodes.Ok;
    }
}
