using System.Diagnostics;
using System.Text;
using Director.Integration.Tests.Management;
using Director.TestSupport.Netns;

namespace Director.Integration.Tests.Demo;

/// <summary>
/// README's first command, scripts/demo.sh, end to end with this run's director build: the
/// seed's deployment comes up, status and the spread are shown, LB2 takes over from a killed
/// LB1, LB1 comes back, and nothing it made is left, also when interrupted (Ctrl-C).
/// </summary>
[Collection(NetnsCollection.Name)]
public sealed class DemoScriptTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(4);

    [Fact]
    public void The_demo_runs_the_failover_and_leaves_nothing_behind()
    {
        var prefix = $"dt{Environment.ProcessId % 10000}a";
        var (exit, output) = RunDemo(prefix, interruptAfter: null);

        Assert.True(exit == 0, $"demo exited {exit}:\n{output}");
        Assert.Contains("LB1 is MASTER of the sync group VG1 (both VIPs)", output);
        Assert.Matches(@"VIRTUAL SERVER\s+PROTO\s+SCHED\s+REAL SERVER\s+HEALTH\s+WEIGHT\s+ACTIVE", output);
        Assert.Matches(@"vs-10\.0\.0\.1:80\s+TCP\s+rr\s+192\.168\.1\.20:80\s+up\s+1", output);
        Assert.Matches(@"LB2 took VIP 10\.0\.0\.1 after \d+ ms", output);
        Assert.Contains("LB2 is MASTER", output);
        Assert.Matches(@"LVS_DEVEL\s+VRRP_EXT\s+eth0\s+MASTER\s+90", output);
        Assert.Contains("LB1 is MASTER again", output);
        var rounds = output.Split('\n').Where(l => l.StartsWith("requests through the VIP:", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, rounds.Count);
        Assert.All(rounds, r => Assert.Matches(@"\d+ answered, 0 failed", r));
        Assert.Contains("rs1 (192.168.1.20)", output);
        var afterStop = output[output.LastIndexOf("stopping rs2", StringComparison.Ordinal)..];
        Assert.DoesNotContain("rs2 (192.168.1.21)", afterStop);
        Assert.DoesNotMatch(@"\d+ Killed ", output); // bash's job notices for what the demo stops
        AssertNothingLeft(prefix);
    }

    [Fact]
    public void Interrupted_with_ctrl_c_the_demo_removes_everything()
    {
        var prefix = $"dt{Environment.ProcessId % 10000}b";
        var (exit, output) = RunDemo(prefix, interruptAfter: "requests through the VIP:");

        Assert.True(exit == 130, $"demo exited {exit}:\n{output}");
        AssertNothingLeft(prefix);
    }

    private static (int Exit, string Output) RunDemo(string prefix, string? interruptAfter)
    {
        // A suite started in the background inherits SIGINT ignored, which bash cannot trap: the
        // demo starts with the default disposition, as from a terminal.
        var start = new ProcessStartInfo("env", ["--default-signal=INT", "bash", Path.Combine(RepositoryRoot(), "scripts", "demo.sh")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryRoot(),
        };
        start.Environment["DEMO_PREFIX"] = prefix;
        start.Environment["DEMO_REQUESTS"] = "12";
        start.Environment["DEMO_DIRECTOR"] = Path.Combine(Path.GetDirectoryName(DirectorBinary.Command()[1])!, "director");
        var output = new StringBuilder();
        var interrupted = false;
        using var demo = new Process { StartInfo = start };
        void OnLine(string? line)
        {
            if (line is null) return;
            bool interrupt;
            lock (output)
            {
                output.Append(line).Append('\n');
                interrupt = interruptAfter is not null && !interrupted && line.Contains(interruptAfter, StringComparison.Ordinal);
                if (interrupt) interrupted = true;
            }
            if (interrupt) Command.Run("kill", "-INT", demo.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        demo.OutputDataReceived += (_, e) => OnLine(e.Data);
        demo.ErrorDataReceived += (_, e) => OnLine(e.Data);
        demo.Start();
        demo.BeginOutputReadLine();
        demo.BeginErrorReadLine();
        if (!demo.WaitForExit(Bound))
        {
            // its own EXIT trap cleans up on TERM; then whatever is left goes
            Command.Run("kill", "-TERM", demo.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (!demo.WaitForExit(TimeSpan.FromSeconds(30))) demo.Kill(entireProcessTree: true);
            ForceCleanup(prefix);
            Assert.Fail($"demo did not finish within {Bound.TotalMinutes} min:\n{output}");
        }
        demo.WaitForExit();
        lock (output) return (demo.ExitCode, output.ToString());
    }

    private static void AssertNothingLeft(string prefix)
    {
        var namespaces = Command.Run("ip", "netns", "list").Stdout;
        var left = namespaces.Split('\n').Where(l => l.StartsWith(prefix + "-", StringComparison.Ordinal)).ToList();
        var processes = Command.Run("pgrep", "-af", $"director-demo-{prefix}\\.|{RepositoryRoot()}/config/lb[12]\\.keepalived\\.conf").Stdout.Trim();
        var folders = Directory.EnumerateDirectories("/tmp", $"director-demo-{prefix}.*").ToList();
        ForceCleanup(prefix);
        Assert.Empty(left);
        Assert.Equal("", processes);
        Assert.Empty(folders);
    }

    private static void ForceCleanup(string prefix)
    {
        foreach (var ns in Command.Run("ip", "netns", "list").Stdout.Split('\n')
                     .Select(l => l.Split(' ')[0]).Where(n => n.StartsWith(prefix + "-", StringComparison.Ordinal)))
        {
            var pids = Command.Run("ip", "netns", "pids", ns).Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            if (pids.Length > 0) Command.Run("kill", ["-9", .. pids]);
            Command.Run("ip", "netns", "del", ns);
        }
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Director.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new DirectoryNotFoundException("no Director.sln above the test binaries");
    }
}
