using System.Diagnostics;
using Director.Actors.Scripts;
using Director.Core.Scripts;

namespace Director.Actors.Tests.Scripts;

public class ProcessScriptRunnerTests
{
    private static readonly ProcessScriptRunner Runner = new();

    private static Task<ScriptRunResult> Run(string commandLine, double timeoutSeconds = 5, ScriptUser? user = null) =>
        Runner.RunAsync(new ScriptInvocation(ScriptCommandLine.Parse(commandLine), TimeSpan.FromSeconds(timeoutSeconds), user), CancellationToken.None);

    [Fact]
    public async Task True_succeeds_false_fails_with_its_exit_code()
    {
        Assert.True((await Run("/bin/true")).Success);
        var failed = await Run("/bin/false");
        Assert.False(failed.Success);
        Assert.Equal(ScriptOutcome.Exited, failed.Outcome);
        Assert.Equal(1, failed.ExitCode);
    }

    [Fact]
    public async Task Arguments_reach_the_program_without_a_shell()
    {
        // A shell would expand the glob and the variable; without one they are literal.
        var path = Path.Combine(Path.GetTempPath(), $"director-args-{Guid.NewGuid():N}");
        try
        {
            var r = await Run($"/usr/bin/touch '{path}'");
            Assert.True(r.Success);
            Assert.True(File.Exists(path));
            Assert.False((await Run("/usr/bin/test -e /etc/*")).Success);
            Assert.True((await Run("/usr/bin/test $HOME = '$HOME'")).Success);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task A_slow_script_is_killed_at_the_timeout()
    {
        var clock = Stopwatch.StartNew();
        var r = await Run("/bin/sleep 5.4321", timeoutSeconds: 0.2);
        Assert.Equal(ScriptOutcome.TimedOut, r.Outcome);
        Assert.False(r.Success);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"took {clock.Elapsed}");
        Assert.False(SleepStillRunning("5.4321"));
    }

    [Fact]
    public async Task A_missing_program_fails_to_start()
    {
        var r = await Run("/nonexistent/director-check");
        Assert.Equal(ScriptOutcome.FailedToStart, r.Outcome);
        Assert.False(r.Success);
        Assert.NotNull(r.Error);
    }

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public async Task Runs_as_the_given_user_when_root()
    {
        // setpriv needs root: without it this test fails with the reason, it never passes silently.
        Assert.True(Environment.UserName == "root" && OperatingSystem.IsLinux(),
            "running a script as another user needs root on Linux (setpriv); run the tests as root");
        var whoami = Path.Combine(Path.GetTempPath(), $"director-user-{Guid.NewGuid():N}");
        try
        {
            // `nobody` cannot create a file in a root-only directory.
            Directory.CreateDirectory(whoami);
            File.SetUnixFileMode(whoami, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            Assert.False((await Run($"/usr/bin/touch {whoami}/x", user: new ScriptUser("nobody", "nogroup"))).Success);
            Assert.True((await Run($"/usr/bin/touch {whoami}/x")).Success);
            // Without a group the user's primary group is used (nobody's is nogroup on Debian).
            Assert.True((await Run("/usr/bin/true", user: new ScriptUser("nobody"))).Success);
        }
        finally
        {
            Directory.Delete(whoami, recursive: true);
        }
    }

    private static bool SleepStillRunning(string marker)
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            try
            {
                var cmdline = File.ReadAllText(Path.Combine(dir, "cmdline"));
                if (cmdline.Contains("sleep", StringComparison.Ordinal) && cmdline.Contains(marker, StringComparison.Ordinal))
                    return true;
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
        return false;
    }
}
