using System.Runtime.InteropServices;
using Akka.Actor;
using Director.Actors.Vrrp;

namespace Director.Host.Daemon;

/// <summary>
/// On SIGTERM / SIGINT, tells the `vrrp` supervisor to release (priority-0 adverts, VIPs removed)
/// at once, before the host's shutdown gets going: the hosting and coordinated-shutdown path
/// costs tens of milliseconds (cold code), which a backup waiting only the skew would notice.
/// The host's own handling still runs (the signal is not cancelled) and its release task waits
/// for this same release.
/// </summary>
public sealed class EarlyReleaseSignal : IDisposable
{
    private readonly PosixSignalRegistration[] _registrations;

    private EarlyReleaseSignal(IActorRef vrrp)
    {
        _registrations =
        [
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, _ => vrrp.Tell(ReleaseVrrp.Instance, ActorRefs.NoSender)),
            PosixSignalRegistration.Create(PosixSignal.SIGINT, _ => vrrp.Tell(ReleaseVrrp.Instance, ActorRefs.NoSender)),
        ];
    }

    public static EarlyReleaseSignal Register(IActorRef vrrp) => new(vrrp);

    public void Dispose()
    {
        foreach (var registration in _registrations)
            registration.Dispose();
    }
}
