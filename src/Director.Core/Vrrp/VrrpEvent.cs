using System.Net;

namespace Director.Core.Vrrp;

/// <summary>Inputs to <see cref="VrrpStateMachine.Handle"/>.</summary>
public abstract record VrrpEvent
{
    private VrrpEvent() { }

    /// <summary>The instance starts (after configuration and interface discovery).</summary>
    public sealed record Startup : VrrpEvent;

    /// <summary>The daemon stops (SIGTERM / SIGINT) or the instance is removed by a reload.</summary>
    public sealed record Shutdown : VrrpEvent;

    /// <summary>An advert that passed <see cref="VrrpReceiveValidator"/>.</summary>
    public sealed record AdvertReceived(byte Priority, IPAddress Source, TimeSpan AdvertInterval) : VrrpEvent
    {
        public static AdvertReceived From(VrrpReceivedAdvert advert) =>
            new(advert.Packet.Priority, advert.Source, advert.Packet.AdvertInterval);
    }

    public sealed record MasterDownTimerExpired : VrrpEvent;

    public sealed record AdvertTimerExpired : VrrpEvent;

    public sealed record GarpDelayExpired : VrrpEvent;

    public sealed record GarpRefreshExpired : VrrpEvent;

    /// <summary>A fault appeared: the interface (or a tracked interface) went down, or a weight-0 tracked script failed.</summary>
    public sealed record InterfaceDown : VrrpEvent;

    /// <summary>Every fault cleared.</summary>
    public sealed record InterfaceUp : VrrpEvent;

    /// <summary>The effective priority changed (tracked scripts / interfaces with weights); see <see cref="VrrpPriority"/>.</summary>
    public sealed record PriorityChanged(byte EffectivePriority) : VrrpEvent;

    /// <summary>The sync group tells this member to move to <paramref name="Target"/> (Master, Backup or Fault).</summary>
    public sealed record SyncGroupForce(VrrpState Target) : VrrpEvent;
}
