using System.Net.Http.Json;
using System.Text.Json;
using Director.Host.CommandLine;
using Director.Host.Management;

namespace Director.Host.Commands;

/// <summary>One request from a CLI verb to the management endpoint; errors are written for the operator.</summary>
public static class ManagementRequest
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    public static string Endpoint(CliOptions options) => (options.Endpoint ?? StatusCommand.DefaultEndpoint).TrimEnd('/');

    /// <summary>The body of a successful answer, or null after writing why there is none.</summary>
    public static string? Send(string verb, HttpMethod method, string url, object? body, CommandContext io)
    {
        try
        {
            using var http = new HttpClient { Timeout = Timeout };
            using var request = new HttpRequestMessage(method, url);
            if (body is not null) request.Content = JsonContent.Create(body, body.GetType(), options: StatusJson.Options);
            using var response = http.Send(request);
            var text = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
            if (response.IsSuccessStatusCode) return text;
            io.Error.WriteLine($"director {verb}: {ErrorOf(text) ?? $"{url} answered {(int)response.StatusCode}: {text.Trim()}"}");
            return null;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or UriFormatException or InvalidOperationException)
        {
            io.Error.WriteLine($"director {verb}: cannot reach the management endpoint at {url}: {e.Message}");
            return null;
        }
    }

    /// <summary>The answer read as <typeparamref name="T"/>, or null after writing why it is not one.</summary>
    public static T? Parse<T>(string verb, string body, string what, CommandContext io) where T : class
    {
        try
        {
            if (JsonSerializer.Deserialize<T>(body, StatusJson.Options) is { } value) return value;
            io.Error.WriteLine($"director {verb}: the endpoint answered no {what}");
        }
        catch (JsonException e)
        {
            io.Error.WriteLine($"director {verb}: the endpoint did not answer a {what}: {e.Message}");
        }

        return null;
    }

    private static string? ErrorOf(string text)
    {
        try
        {
            return JsonSerializer.Deserialize<ManagementError>(text, StatusJson.Options)?.Error;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
