using System.Diagnostics;
using System.Text;

namespace Director.TestSupport.Netns;

/// <summary>Runs a program to completion with a bounded wait; never through a shell.</summary>
public static class Command
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    public static CommandResult Run(string program, IEnumerable<string> arguments, TimeSpan? timeout = null)
    {
        var info = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        var commandLine = $"{program} {string.Join(' ', info.ArgumentList)}";
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {commandLine}");
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (stdout) stdout.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (stderr) stderr.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(timeout ?? DefaultTimeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(5000);
            throw new TimeoutException($"`{commandLine}` did not finish within {timeout ?? DefaultTimeout}");
        }
        // Lets the asynchronous output readers reach end of file (bounded: a leaked pipe must not hang a test).
        process.WaitForExit(5000);
        lock (stdout) lock (stderr) return new CommandResult(commandLine, process.ExitCode, stdout.ToString(), stderr.ToString());
    }

    public static CommandResult Run(string program, params string[] arguments) => Run(program, (IEnumerable<string>)arguments);

    /// <summary>Full path of <paramref name="program"/> on PATH (or the usual sbin folders), or null.</summary>
    public static string? Find(string program)
    {
        var folders = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Concat(["/usr/sbin", "/sbin", "/usr/bin", "/bin"]);
        return folders.Select(f => Path.Combine(f, program)).FirstOrDefault(File.Exists);
    }
}
