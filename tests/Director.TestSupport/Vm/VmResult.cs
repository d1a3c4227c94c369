namespace Director.TestSupport.Vm;

/// <summary>What a script run inside the VM ended with: its exit status and its stdout + stderr.</summary>
public sealed record VmResult(int ExitCode, string Output, bool TimedOut)
{
    public bool Succeeded => ExitCode == 0 && !TimedOut;

    public VmResult EnsureSuccess(string what) => Succeeded
        ? this
        : throw new InvalidOperationException(
            $"{what} {(TimedOut ? "timed out" : $"exited with {ExitCode}")} in the VM:\n{Output.Trim()}");
}
