using System.Runtime.InteropServices;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Director.Host.Management;

/// <summary>
/// Keeps SIGHUP (systemd's ExecReload, `kill -HUP`) from terminating the daemon, its default
/// action, until configuration reload handles it: the signal is logged and the running
/// configuration stays as it is. Replace with the reload handler when that lands.
/// </summary>
internal sealed class HangupGuard(ILogger<HangupGuard> logger) : IHostedService, IDisposable
{
    private PosixSignalRegistration? _registration;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _registration = PosixSignalRegistration.Create(PosixSignal.SIGHUP, context =>
        {
            context.Cancel = true;
            logger.LogWarning("SIGHUP: configuration reload is not implemented yet; the running configuration is unchanged");
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _registration?.Dispose();
}
