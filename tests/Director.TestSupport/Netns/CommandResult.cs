namespace Director.TestSupport.Netns;

/// <summary>Outcome of a finished command.</summary>
public sealed record CommandResult(string CommandLine, int ExitCode, string Stdout, string Stderr)
{
    public bool Succeeded => ExitCode == 0;

    public CommandResult EnsureSuccess() => Succeeded
        ? this
        : throw new InvalidOperationException($"`{CommandLine}` exited with {ExitCode}: {Stderr.Trim()} {Stdout.Trim()}");
}
