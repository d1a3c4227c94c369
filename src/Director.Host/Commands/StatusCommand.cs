using System.Text.Json;
using Director.Actors.State;
using Director.Host.CommandLine;
using Director.Host.Management;

namespace Director.Host.Commands;

/// <summary>`director status [--json] [--endpoint URL]`: every director's state from a management endpoint.</summary>
public static class StatusCommand
{
    public const string DefaultEndpoint = "http://127.0.0.1:8558";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    public static int Run(CliOptions options, CommandContext io)
    {
        var endpoint = (options.Endpoint ?? DefaultEndpoint).TrimEnd('/');
        string body;
        try
        {
            using var http = new HttpClient { Timeout = Timeout };
            using var response = http.GetAsync($"{endpoint}/status").GetAwaiter().GetResult();
            body = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
            if (!response.IsSuccessStatusCode)
            {
                io.Error.WriteLine($"director status: {endpoint}/status answered {(int)response.StatusCode}: {body.Trim()}");
                return ExitCodes.Failure;
            }
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or UriFormatException or InvalidOperationException)
        {
            io.Error.WriteLine($"director status: cannot reach the management endpoint at {endpoint}: {e.Message}");
            return ExitCodes.Failure;
        }

        if (options.Json)
        {
            io.Out.WriteLine(body);
            return ExitCodes.Ok;
        }
        ClusterStateView? state;
        try
        {
            state = JsonSerializer.Deserialize<ClusterStateView>(body, StatusJson.Options);
        }
        catch (JsonException e)
        {
            io.Error.WriteLine($"director status: {endpoint}/status did not answer a status: {e.Message}");
            return ExitCodes.Failure;
        }
        if (state is null)
        {
            io.Error.WriteLine($"director status: {endpoint}/status answered nothing");
            return ExitCodes.Failure;
        }
        io.Out.Write(StatusTable.Format(state));
        return ExitCodes.Ok;
    }
}
