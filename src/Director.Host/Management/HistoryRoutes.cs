using Akka.Actor;
using Akka.Hosting;
using Director.Actors.Balancing;
using Director.Actors.History;
using Director.Host.History;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Director.Host.Management;

/// <summary>
/// GET /history?limit=N&amp;since=ISO-8601, and POST /realservers/{drain|undrain|weight} with
/// <see cref="RealServerActionRequest"/>: the operator's actions on real servers.
/// </summary>
public static class HistoryRoutes
{
    public const int MaxWeight = 65535;
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(10);

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/history", async (int? limit, DateTimeOffset? since, ActorRegistry registry, CancellationToken ct) =>
        {
            if (!registry.TryGet<HistoryActorKey>(out var history))
                return Error(StatusCodes.Status503ServiceUnavailable, "the history is off on this director (see its log and director.history)");
            try
            {
                var page = await history.Ask<HistoryPage>(new GetHistory(Math.Clamp(limit ?? 50, 1, 100_000), since), AskTimeout, ct);
                return Results.Json(new HistoryResponse(page.Entries), StatusJson.Options);
            }
            catch (Exception e) when (e is AskTimeoutException or TaskCanceledException)
            {
                return Error(StatusCodes.Status503ServiceUnavailable, "the history actor did not answer (is its store reachable?)");
            }
        });
        app.MapPost("/realservers/{action}", async (string action, RealServerActionRequest request, ActorRegistry registry, ActorSystem system, CancellationToken ct) =>
        {
            if (Command(action, request, out var problem) is not { } command)
                return Error(StatusCodes.Status400BadRequest, problem!);
            var stored = registry.TryGet<OverridesActorKey>(out var overrides);
            try
            {
                var reply = stored
                    ? await overrides.Ask<object>(command, AskTimeout, ct)
                    : await system.ActorSelection(OverridesSettings.DefaultLbPath).Ask<object>(command, AskTimeout, ct);
                return reply switch
                {
                    RealServerOverrideApplied applied => Results.Json(
                        new RealServerActionResponse(action, command.RealServer.ToString(), applied.VirtualServers, stored), StatusJson.Options),
                    RealServerOverrideRejected rejected => Error(StatusCodes.Status404NotFound, rejected.Reason),
                    _ => Error(StatusCodes.Status500InternalServerError, $"unexpected answer {reply.GetType().Name}"),
                };
            }
            catch (Exception e) when (e is AskTimeoutException or TaskCanceledException or ActorNotFoundException)
            {
                return Error(StatusCodes.Status503ServiceUnavailable, "the load-balancing side did not answer (does this director run virtual servers?)");
            }
        });
    }

    /// <summary>The command an action asks for, or null with the reason.</summary>
    public static RealServerOverrideCommand? Command(string action, RealServerActionRequest request, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(request);
        problem = null;
        if (!RealServerSelector.TryParse(request.RealServer ?? "", out var selector) || selector is null)
        {
            problem = $"'{request.RealServer}' is not a real server address (IP, IP:PORT or [IPv6]:PORT)";
            return null;
        }

        RealServerOverride? change = action switch
        {
            "drain" => new DrainOverride(),
            "undrain" => new ClearOverride(),
            "weight" when request.Weight is >= 0 and <= MaxWeight => new WeightOverride(request.Weight.Value),
            _ => null,
        };
        if (change is null)
        {
            problem = action == "weight"
                ? $"weight expects a weight from 0 to {MaxWeight}, got {request.Weight?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}"
                : $"unknown action '{action}' (drain, undrain or weight)";
            return null;
        }

        return new RealServerOverrideCommand(VirtualServerName(request.VirtualServer), selector, change);
    }

    /// <summary>"vs-10.0.0.1:80" or "10.0.0.1:80" (the vs- prefix is added).</summary>
    public static string? VirtualServerName(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null
        : text.StartsWith("vs-", StringComparison.Ordinal) ? text
        : $"vs-{text}";

    private static IResult Error(int status, string message) => Results.Json(new ManagementError(message), StatusJson.Options, statusCode: status);
}

public sealed record RealServerActionRequest(string? RealServer, string? VirtualServer = null, int? Weight = null);

public sealed record RealServerActionResponse(string Action, string RealServer, IReadOnlyList<string> VirtualServers, bool Stored);

public sealed record HistoryResponse(IReadOnlyList<HistoryEntry> Entries);

public sealed record ManagementError(string Error);
