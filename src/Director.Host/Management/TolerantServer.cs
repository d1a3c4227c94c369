using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Director.Host.Management;

/// <summary>
/// Wraps Kestrel so that a management endpoint that cannot listen (port taken, address missing)
/// is logged and skipped: a director keeps doing VRRP without its endpoint rather than stopping.
/// </summary>
internal sealed class TolerantServer(IServer inner, ILogger<TolerantServer> logger, string url) : IServer
{
    private bool _started;

    public IFeatureCollection Features => inner.Features;

    public async Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken) where TContext : notnull
    {
        try
        {
            await inner.StartAsync(application, cancellationToken);
            _started = true;
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or InvalidOperationException)
        {
            logger.LogError("management endpoint {Url} not started, running without it: {Reason}", url, e.Message);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => _started ? inner.StopAsync(cancellationToken) : Task.CompletedTask;

    public void Dispose() => inner.Dispose();

    /// <summary>Replaces the registered server (Kestrel) with itself around it.</summary>
    public static void Wrap(IServiceCollection services, string url)
    {
        var registered = services.Last(d => d.ServiceType == typeof(IServer));
        services.Remove(registered);
        services.AddSingleton<IServer>(sp => new TolerantServer(
            registered.ImplementationType is { } type ? (IServer)ActivatorUtilities.CreateInstance(sp, type)
            : registered.ImplementationFactory is { } factory ? (IServer)factory(sp)
            : (IServer)registered.ImplementationInstance!,
            sp.GetRequiredService<ILogger<TolerantServer>>(),
            url));
    }
}
