using Director.Host.Commands;

namespace Director.Host.Tests.Commands;

/// <summary>Runs <see cref="DirectorCli"/> in-process with captured output.</summary>
internal sealed record CliRun(int Exit, string Out, string Error)
{
    public string[] ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();

    public static CliRun Of(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = DirectorCli.Run(args, new CommandContext(output, error));
        return new CliRun(exit, output.ToString(), error.ToString());
    }
}
