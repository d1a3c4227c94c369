using System.Net;
using Akka.Actor;
using Akka.Hosting;
using Director.Actors.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Director.Host.Management;

/// <summary>
/// The management HTTP endpoint, served by ASP.NET Core in the daemon's host (Akka.Management's
/// own server does not start with the packages served here): /status, /cluster/members,
/// /health/live, /health/ready, /metrics, POST /reload.
/// </summary>
public static class ManagementEndpoint
{
    public const string LiveTag = "live";
    public const string ReadyTag = "ready";

    public static void AddServices(WebApplicationBuilder builder, ManagementSettings settings)
    {
        builder.Services.AddHealthChecks();
        if (settings.Enabled)
        {
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(ListenAddress(settings.Hostname), settings.Port));
            TolerantServer.Wrap(builder.Services, settings.Url);
        }
        else
            builder.Services.AddSingleton<IServer, NoServer>();
    }

    /// <summary>Akka.Hosting's liveness check, and readiness once the `state` actor sees VRRP answering.</summary>
    public static AkkaConfigurationBuilder WithDirectorHealthChecks(this AkkaConfigurationBuilder akka)
    {
        akka.WithActorSystemLivenessCheck(tags: [LiveTag]);
        akka.WithHealthCheck("vrrp", VrrpReady, tags: [ReadyTag]);
        return akka;
    }

    public static void MapRoutes(IEndpointRouteBuilder app, OpsSettings ops)
    {
        var queryTimeout = ops.Cluster.QueryTimeout + TimeSpan.FromSeconds(4);
        app.MapGet("/status", async (IRequiredActor<StateActorKey> state, CancellationToken ct) =>
            Results.Json(await state.ActorRef.Ask<ClusterStateView>(GetClusterState.Instance, queryTimeout, ct)));
        app.MapGet("/status/local", async (IRequiredActor<StateActorKey> state, CancellationToken ct) =>
            Results.Json(await state.ActorRef.Ask<DirectorState>(GetDirectorState.Instance, queryTimeout, ct)));
        app.MapGet("/cluster/members", (ActorSystem system) => Results.Json(ClusterMembersView.Of(system, ops.Cluster.Enabled)));
        app.MapGet("/metrics", async (IRequiredActor<StateActorKey> state, CancellationToken ct) =>
        {
            var local = await state.ActorRef.Ask<DirectorState>(GetDirectorState.Instance, queryTimeout, ct);
            var checks = await state.ActorRef.Ask<HealthCheckMetrics>(GetHealthCheckMetrics.Instance, queryTimeout, ct);
            return Results.Text(PrometheusText.Format(local, checks), PrometheusText.ContentType);
        });
        ReloadRoute.Map(app);
        HistoryRoutes.Map(app);
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = r => r.Tags.Contains(LiveTag), ResponseWriter = HealthJson.Write });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = r => r.Tags.Contains(ReadyTag), ResponseWriter = HealthJson.Write });
    }

    private static async Task<HealthCheckResult> VrrpReady(ActorSystem system, ActorRegistry registry, CancellationToken ct)
    {
        if (!registry.TryGet<StateActorKey>(out var state))
            return HealthCheckResult.Unhealthy("the state actor has not started");
        try
        {
            var local = await state.Ask<DirectorState>(GetDirectorState.Instance, TimeSpan.FromSeconds(5), ct);
            var problem = local.Problems.FirstOrDefault(p => p.StartsWith("vrrp", StringComparison.Ordinal));
            return problem is null
                ? HealthCheckResult.Healthy(local.VrrpRunning ? $"{local.VrrpInstances.Count} VRRP instances" : "VRRP not running (--check)")
                : HealthCheckResult.Unhealthy(problem);
        }
        catch (Exception e) when (e is AskTimeoutException or TaskCanceledException)
        {
            return HealthCheckResult.Unhealthy("the state actor did not answer");
        }
    }

    private static IPAddress ListenAddress(string hostname) =>
        hostname is "localhost" ? IPAddress.Loopback
        : IPAddress.TryParse(hostname, out var address) ? address
        : Dns.GetHostAddresses(hostname).FirstOrDefault() ?? throw new InvalidOperationException($"management hostname '{hostname}' does not resolve");
}
