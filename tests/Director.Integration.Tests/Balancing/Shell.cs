using System.Diagnostics;

namespace Director.Integration.Tests.Balancing;

/// <summary>Runs a shell script with a time limit; the whole process group is killed on timeout.</summary>
internal static class Shell
{
    public static (int ExitCode, string Output, string Error) Run(string script, TimeSpan? timeout = null)
    {
        using var process = Start(script);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout ?? TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"script timed out: {script}");
        }

        process.WaitForExit();
        return (process.ExitCode, output.Result, error.Result);
    }

    public static string Check(string script, TimeSpan? timeout = null)
    {
        var (code, output, error) = Run(script, timeout);
        if (code != 0) throw new InvalidOperationException($"exit {code}: {error}\nscript:\n{script}");
        return output;
    }

    public static Process Start(string script)
    {
        var info = new ProcessStartInfo("/bin/sh")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(script);
        return Process.Start(info) ?? throw new InvalidOperationException("sh did not start");
    }
}
