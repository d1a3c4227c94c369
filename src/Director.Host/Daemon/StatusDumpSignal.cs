using System.Runtime.InteropServices;
using Akka.Actor;
using Akka.Event;
using Director.Actors.Vrrp;

namespace Director.Host.Daemon;

/// <summary>
/// On SIGUSR1, asks the `vrrp` supervisor for every instance's status and writes it to
/// <see cref="StatusDumpFile.Resolve"/> (as keepalived dumps its state on SIGUSR1).
/// </summary>
public sealed class StatusDumpSignal : IDisposable
{
    private const int SIGUSR1 = 10;
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(5);

    private readonly PosixSignalRegistration _registration;

    private StatusDumpSignal(ActorSystem system, IActorRef vrrp, string path)
    {
        _registration = PosixSignalRegistration.Create((PosixSignal)SIGUSR1, context =>
        {
            context.Cancel = true;
            _ = DumpAsync(system, vrrp, path);
        });
    }

    public static StatusDumpSignal Register(ActorSystem system, IActorRef vrrp) => new(system, vrrp, StatusDumpFile.Resolve());

    private static async Task DumpAsync(ActorSystem system, IActorRef vrrp, string path)
    {
        try
        {
            var statuses = await vrrp.Ask<List<VrrpInstanceStatus>>(GetVrrpInstanceStatus.Instance, AskTimeout);
            var receivers = await vrrp.Ask<List<ReceiverStatus>>(GetReceiverStatus.Instance, AskTimeout);
            StatusDumpWriter.Write(path, statuses, receivers, DateTimeOffset.UtcNow);
            Logging.GetLogger(system, "signals").Debug("status of {0} vrrp instances written to {1}", statuses.Count, path);
        }
        catch (Exception e)
        {
            Logging.GetLogger(system, "signals").Warning("status dump to {0} failed: {1}", path, e.Message);
        }
    }

    public void Dispose() => _registration.Dispose();
}
