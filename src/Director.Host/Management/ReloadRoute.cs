using Director.Host.Daemon;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Director.Host.Management;

/// <summary>POST /reload: the same reload as SIGHUP; answers the outcome (200 applied, 422 refused with its errors).</summary>
public static class ReloadRoute
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapPost("/reload", async (ConfigReloader reloader, CancellationToken ct) =>
        {
            var outcome = await reloader.ReloadAsync(ct);
            return Results.Json(outcome, StatusJson.Options, statusCode: outcome.Ok ? StatusCodes.Status200OK : StatusCodes.Status422UnprocessableEntity);
        });
}
