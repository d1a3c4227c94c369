using System.Diagnostics;
using Director.Actors.Checks;
using Director.Core.Config.Model;

namespace Director.Actors.Tests.Checks;

[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class MiscHealthCheckTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("director-misc-").FullName;

    private string Script(string name, string body)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, "#!/bin/sh\n" + body + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    private static IHealthCheck Misc(string miscPath, bool dynamic = false, TimeSpan? timeout = null, int weight = 3) =>
        HealthCheckFactory.Create(new MiscCheck { MiscPath = miscPath, MiscDynamic = dynamic, MiscTimeout = timeout ?? TimeSpan.FromSeconds(5) },
            CheckTestKit.RealServer(80, weight), CheckTestKit.VirtualServer());

    [Theory]
    [InlineData(0, false, true, null)]
    [InlineData(1, false, false, null)]
    [InlineData(2, false, false, null)]
    [InlineData(0, true, true, 3)]
    [InlineData(1, true, false, null)]
    [InlineData(2, true, true, 0)]
    [InlineData(7, true, true, 5)]
    [InlineData(255, true, true, 253)]
    public async Task Exit_status_maps_to_state_and_weight(int status, bool dynamic, bool up, int? weight)
    {
        var outcome = await Misc(Script($"exit{status}.sh", $"exit {status}"), dynamic).RunAsync(CancellationToken.None);
        Assert.Equal(up, outcome.Up);
        Assert.Equal(weight, outcome.Weight);
        Assert.Contains($"exited with status {status}", outcome.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Arguments_are_split_without_a_shell()
    {
        var marker = Path.Combine(_dir, "args.txt");
        var script = Script("args.sh", $"printf '%s|' \"$@\" > {marker}");
        var outcome = await Misc($"{script} one \"two words\" '$HOME'").RunAsync(CancellationToken.None);
        Assert.True(outcome.Up, outcome.Detail);
        Assert.Equal("one|two words|$HOME|", File.ReadAllText(marker));
    }

    [Fact]
    public async Task Hanging_script_and_its_children_are_killed_at_misc_timeout()
    {
        var pidFile = Path.Combine(_dir, "child.pid");
        var script = Script("hang.sh", $"sleep 30 &\necho $! > {pidFile}\nwait");
        var clock = Stopwatch.StartNew();
        var outcome = await Misc(script, timeout: TimeSpan.FromMilliseconds(400)).RunAsync(CancellationToken.None);
        Assert.False(outcome.Up);
        Assert.Contains("timed out", outcome.Detail, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(4), $"took {clock.Elapsed}");
        var child = int.Parse(File.ReadAllText(pidFile).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        for (var i = 0; i < 50 && IsAlive(child); i++)
            await Task.Delay(20);
        Assert.False(IsAlive(child), $"child {child} of the hanging script survived");
    }

    [Fact]
    public async Task Timed_out_script_gets_sigterm_first_and_its_children_are_killed_after_it_exits()
    {
        var pidFile = Path.Combine(_dir, "child.pid");
        var marker = Path.Combine(_dir, "term.txt");
        var script = Script("term.sh", $"trap 'echo term > {marker}; exit 3' TERM\nsleep 30 &\necho $! > {pidFile}\nwait");
        var clock = Stopwatch.StartNew();
        var outcome = await Misc(script, timeout: TimeSpan.FromMilliseconds(400)).RunAsync(CancellationToken.None);
        Assert.False(outcome.Up);
        Assert.Contains("timed out", outcome.Detail, StringComparison.Ordinal);
        Assert.Equal("term", File.ReadAllText(marker).Trim());
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"a script that ends on SIGTERM is not waited for: took {clock.Elapsed}");
        var child = int.Parse(File.ReadAllText(pidFile).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        for (var i = 0; i < 50 && IsAlive(child); i++)
            await Task.Delay(20);
        Assert.False(IsAlive(child), $"child {child} of the terminated script survived");
    }

    [Fact]
    public async Task Script_that_ignores_sigterm_is_killed_after_the_grace_period()
    {
        var pidFile = Path.Combine(_dir, "child.pid");
        var script = Script("deaf.sh", $"trap '' TERM\nsleep 30 &\necho $! > {pidFile}\nwait");
        var clock = Stopwatch.StartNew();
        var outcome = await Misc(script, timeout: TimeSpan.FromMilliseconds(300)).RunAsync(CancellationToken.None);
        Assert.False(outcome.Up);
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(300) + MiscHealthCheck.TermGrace - TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(8));
        var child = int.Parse(File.ReadAllText(pidFile).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        for (var i = 0; i < 50 && IsAlive(child); i++)
            await Task.Delay(20);
        Assert.False(IsAlive(child), $"child {child} of the killed script survived");
    }

    [Fact]
    public async Task Missing_program_is_down()
    {
        var outcome = await Misc(Path.Combine(_dir, "does-not-exist")).RunAsync(CancellationToken.None);
        Assert.False(outcome.Up);
    }

    private static bool IsAlive(int pid)
    {
        var stat = $"/proc/{pid}/stat";
        if (!File.Exists(stat))
            return false;
        try
        {
            // A zombie (state Z) is dead for our purpose.
            var text = File.ReadAllText(stat);
            return text[(text.LastIndexOf(')') + 2)] != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
