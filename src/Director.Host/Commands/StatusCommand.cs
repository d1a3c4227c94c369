using Director.Actors.State;
using Director.Host.CommandLine;
using Director.Host.Management;

namespace Director.Host.Commands;

/// <summary>`director status [--json] [--endpoint URL]`: every director's state from a management endpoint.</summary>
public static class StatusCommand
{
    public const string DefaultEndpoint = "http://127.0.0.1:8558";
    public static int Run(CliOptions options, CommandContext io)
    {
        var body = ManagementRequest.Send("status", HttpMethod.Get, $"{ManagementRequest.Endpoint(options)}/status", null, io);
        if (body is null) return ExitCodes.Failure;
        if (options.Json)
        {
            io.Out.WriteLine(body);
            return ExitCodes.Ok;
        }

        var state = ManagementRequest.Parse<ClusterStateView>("status", body, "status", io);
        if (state is null) return ExitCodes.Failure;
        io.Out.Write(StatusTable.Format(state));
        return ExitCodes.Ok;
    }
}
