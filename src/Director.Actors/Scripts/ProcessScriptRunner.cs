using System.Diagnostics;
using Director.Native.Processes;

namespace Director.Actors.Scripts;

/// <summary>
/// Runs a script as a child process without a shell: the program and arguments as split by
/// <see cref="Director.Core.Scripts.ScriptCommandLine"/>, stdin empty, output discarded. On timeout
/// the whole process tree is killed (after a SIGTERM and a grace period when the invocation asks). To run as another user (keepalived's script_user) the program
/// is started through <c>setpriv</c> (util-linux), which needs root; without a group the user's
/// primary group from /etc/passwd is used.
/// </summary>
public sealed class ProcessScriptRunner : IScriptRunner
{
    public const string SetprivPath = "/usr/bin/setpriv";

    public async Task<ScriptRunResult> RunAsync(ScriptInvocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var clock = Stopwatch.StartNew();
        using var process = new Process { StartInfo = BuildStartInfo(invocation) };
        try
        {
            if (!process.Start())
                return new ScriptRunResult(ScriptOutcome.FailedToStart, -1, clock.Elapsed, "process did not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return new ScriptRunResult(ScriptOutcome.FailedToStart, -1, clock.Elapsed, e.Message);
        }

        // Drain output so a chatty script cannot block on a full pipe.
        var drainOut = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var drainErr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        process.StandardInput.Close();

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(invocation.Timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
            await Task.WhenAll(drainOut, drainErr).ConfigureAwait(false);
            return new ScriptRunResult(ScriptOutcome.Exited, process.ExitCode, clock.Elapsed);
        }
        catch (OperationCanceledException)
        {
            if (invocation.TermGrace > TimeSpan.Zero && !cancellationToken.IsCancellationRequested)
                await TerminateAsync(process, invocation.TermGrace).ConfigureAwait(false);
            Kill(process);
            var reason = cancellationToken.IsCancellationRequested ? "cancelled" : $"timed out after {invocation.Timeout.TotalSeconds:0.###} s";
            return new ScriptRunResult(ScriptOutcome.TimedOut, -1, clock.Elapsed, reason);
        }
    }

    private static ProcessStartInfo BuildStartInfo(ScriptInvocation invocation)
    {
        var command = invocation.Command;
        var info = new ProcessStartInfo
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (invocation.RunAs is { } user)
        {
            info.FileName = SetprivPath;
            info.ArgumentList.Add($"--reuid={user.User}");
            info.ArgumentList.Add($"--regid={user.Group ?? PasswdLookup.PrimaryGroupId(user.User) ?? user.User}");
            info.ArgumentList.Add("--init-groups");
            info.ArgumentList.Add("--");
            info.ArgumentList.Add(command.Program);
        }
        else
        {
            info.FileName = command.Program;
        }
        foreach (var arg in command.Arguments)
            info.ArgumentList.Add(arg);
        return info;
    }

    /// <summary>SIGTERM, then wait up to <paramref name="grace"/>; whatever it left behind is SIGKILLed.</summary>
    private static async Task TerminateAsync(Process process, TimeSpan grace)
    {
        var descendants = ProcessSignals.Descendants(process.Id);
        if (!ProcessSignals.Send(process.Id, ProcessSignals.SIGTERM)) return;
        using var wait = new CancellationTokenSource(grace);
        try
        {
            await process.WaitForExitAsync(wait.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return; // still running: the caller kills the whole tree
        }
        // It ended on SIGTERM: its children are orphans now, out of reach of Kill(entireProcessTree).
        foreach (var pid in descendants)
            ProcessSignals.Send(pid, ProcessSignals.SIGKILL);
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(2000);
        }
        catch (InvalidOperationException)
        {
            // It exited between the timeout and the kill.
        }
    }
}
