using System.Globalization;
using System.Text.Json;
using Director.Host.CommandLine;
using Director.Host.Daemon;
using Director.Host.Management;

namespace Director.Host.Commands;

/// <summary>
/// `director reload [--endpoint URL] [-p PIDFILE]`: asks the running daemon to reload (POST
/// /reload on its management endpoint) and prints what changed or the errors; when the endpoint
/// cannot be reached and a pid file is given, sends SIGHUP to that pid instead (the outcome is
/// then only in the daemon's log).
/// </summary>
public static class ReloadCommand
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    public static int Run(CliOptions options, CommandContext io)
    {
        var endpoint = (options.Endpoint ?? StatusCommand.DefaultEndpoint).TrimEnd('/');
        string body;
        int status;
        try
        {
            using var http = new HttpClient { Timeout = Timeout };
            using var response = http.PostAsync($"{endpoint}/reload", null).GetAwaiter().GetResult();
            body = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
            status = (int)response.StatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or UriFormatException or InvalidOperationException)
        {
            var pidFile = options.PidFile ?? options.VrrpPidFile;
            if (pidFile is null)
            {
                io.Error.WriteLine($"director reload: cannot reach the management endpoint at {endpoint}: {e.Message} (give -p PIDFILE to send SIGHUP instead)");
                return ExitCodes.Failure;
            }
            return Hangup(pidFile, endpoint, e.Message, io);
        }

        ReloadOutcome? outcome = null;
        try
        {
            outcome = JsonSerializer.Deserialize<ReloadOutcome>(body, StatusJson.Options);
        }
        catch (JsonException)
        {
        }
        if (outcome is null)
        {
            io.Error.WriteLine($"director reload: {endpoint}/reload answered {status}: {body.Trim()}");
            return ExitCodes.Failure;
        }
        if (options.Json)
            io.Out.WriteLine(body);
        else if (outcome.Ok)
        {
            io.Out.WriteLine($"reload: ok in {outcome.ElapsedMs.ToString("0.0", CultureInfo.InvariantCulture)} ms, {(outcome.Changes.Count == 0 ? "no changes" : $"{outcome.Changes.Count} changes")}");
            foreach (var change in outcome.Changes)
                io.Out.WriteLine($"  {change}");
        }
        else
        {
            io.Error.WriteLine("reload: refused; the running configuration is unchanged");
            foreach (var error in outcome.Errors)
                io.Error.WriteLine(error);
        }
        return outcome.Ok ? ExitCodes.Ok : ExitCodes.ConfigErrors;
    }

    private static int Hangup(string pidFile, string endpoint, string why, CommandContext io)
    {
        int pid;
        try
        {
            pid = int.Parse(File.ReadAllText(pidFile).Trim(), NumberStyles.None, CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or OverflowException)
        {
            io.Error.WriteLine($"director reload: {endpoint} unreachable ({why}) and no pid in {pidFile}: {e.Message}");
            return ExitCodes.Failure;
        }
        if (Tmds.Linux.LibC.kill(pid, Tmds.Linux.LibC.SIGHUP) != 0)
        {
            io.Error.WriteLine($"director reload: {endpoint} unreachable ({why}); SIGHUP to pid {pid} failed (errno {System.Runtime.InteropServices.Marshal.GetLastPInvokeError()})");
            return ExitCodes.Failure;
        }
        io.Out.WriteLine($"reload: {endpoint} unreachable ({why}); sent SIGHUP to pid {pid}; the outcome is in the daemon's log");
        return ExitCodes.Ok;
    }
}
