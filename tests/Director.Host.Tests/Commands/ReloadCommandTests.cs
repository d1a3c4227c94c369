using System.Diagnostics;
using System.Globalization;
using Director.Host.CommandLine;
using Director.Host.Commands;

namespace Director.Host.Tests.Commands;

public sealed class ReloadCommandTests
{
    [Fact]
    public void Reload_takes_an_endpoint_a_pid_file_and_json()
    {
        var options = CliParser.Parse(["reload", "--endpoint", "http://127.0.0.1:9000", "-p", "/run/director.pid", "--json"]);

        Assert.Equal(CliVerb.Reload, options.Verb);
        Assert.Equal(("http://127.0.0.1:9000", "/run/director.pid", true), (options.Endpoint, options.PidFile, options.Json));
    }

    [Fact]
    public void Without_an_endpoint_answering_and_without_a_pid_file_it_fails_with_a_message()
    {
        var run = CliRun.Of("reload", "--endpoint", "http://127.0.0.1:1");

        Assert.Equal(ExitCodes.Failure, run.Exit);
        Assert.Contains("cannot reach the management endpoint at http://127.0.0.1:1", run.Error);
        Assert.Contains("-p PIDFILE", run.Error);
    }

    [Fact]
    public void Without_an_endpoint_answering_it_sends_SIGHUP_to_the_pid_in_the_pid_file()
    {
        // sleep's default SIGHUP action ends it: that it ended shows the signal went to that pid.
        using var sleeper = Process.Start(new ProcessStartInfo("sleep", "30") { UseShellExecute = false })!;
        var pidFile = Path.GetTempFileName();
        try
        {
            File.WriteAllText(pidFile, sleeper.Id.ToString(CultureInfo.InvariantCulture) + "\n");

            var run = CliRun.Of("reload", "--endpoint", "http://127.0.0.1:1", "-p", pidFile);

            Assert.Equal(ExitCodes.Ok, run.Exit);
            Assert.Contains($"sent SIGHUP to pid {sleeper.Id}", run.Out);
            Assert.True(sleeper.WaitForExit(TimeSpan.FromSeconds(10)), "sleep did not get SIGHUP");
        }
        finally
        {
            if (!sleeper.HasExited) sleeper.Kill();
            File.Delete(pidFile);
        }
    }

    [Fact]
    public void Help_names_the_reload_verb()
    {
        Assert.Contains("director reload [--endpoint URL] [-p PIDFILE]", HelpText.Usage);
    }
}
