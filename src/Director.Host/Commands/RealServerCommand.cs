using System.Globalization;
using System.Text.Json;
using Director.Actors.Balancing;
using Director.Host.CommandLine;
using Director.Host.Management;

namespace Director.Host.Commands;

/// <summary>
/// `director drain RS [--vs VS]`, `director undrain RS [--vs VS]`, `director weight RS N [--vs VS]`:
/// an operator's action on a real server, through the management endpoint.
/// </summary>
public static class RealServerCommand
{
    public static int Run(CliOptions options, CommandContext io)
    {
        var verb = options.Verb.ToString().ToLowerInvariant();
        var expected = options.Verb == CliVerb.Weight ? 2 : 1;
        if (options.Arguments.Count != expected)
        {
            io.Error.WriteLine(options.Verb == CliVerb.Weight
                ? "director weight: expects a real server and a weight, e.g. 'director weight 10.0.1.2 5'"
                : $"director {verb}: expects one real server (IP or IP:PORT), e.g. 'director {verb} 10.0.1.2'");
            return ExitCodes.Usage;
        }

        if (!RealServerSelector.TryParse(options.Arguments[0], out _))
        {
            io.Error.WriteLine($"director {verb}: expects a real server as IP, IP:PORT or [IPv6]:PORT, got '{options.Arguments[0]}'");
            return ExitCodes.Usage;
        }

        int? weight = null;
        if (options.Verb == CliVerb.Weight)
        {
            if (!int.TryParse(options.Arguments[1], NumberStyles.None, CultureInfo.InvariantCulture, out var w) || w > HistoryRoutes.MaxWeight)
            {
                io.Error.WriteLine($"director weight: the weight must be a number from 0 to {HistoryRoutes.MaxWeight}, got '{options.Arguments[1]}'");
                return ExitCodes.Usage;
            }
            weight = w;
        }

        var request = new RealServerActionRequest(options.Arguments[0], options.VirtualServer, weight);
        var body = ManagementRequest.Send(verb, HttpMethod.Post, $"{ManagementRequest.Endpoint(options)}/realservers/{verb}", request, io);
        if (body is null) return ExitCodes.Failure;
        if (options.Json)
        {
            io.Out.WriteLine(body);
            return ExitCodes.Ok;
        }

        var reply = JsonSerializer.Deserialize<RealServerActionResponse>(body, StatusJson.Options);
        var done = options.Verb switch
        {
            CliVerb.Drain => "drained",
            CliVerb.Undrain => "undrained",
            _ => $"weight {weight} set on",
        };
        io.Out.WriteLine($"{done} {request.RealServer} in {string.Join(", ", reply?.VirtualServers ?? [])}"
            + (reply?.Stored == false ? " (not stored: the history is off, this lasts until the next restart)" : ""));
        return ExitCodes.Ok;
    }
}
