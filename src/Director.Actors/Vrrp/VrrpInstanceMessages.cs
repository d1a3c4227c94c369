using System.Net;
using Director.Core.Vrrp;

namespace Director.Actors.Vrrp;

/// <summary>A datagram for this instance's VRID as the receiver got it (IPv4: with its IP header).</summary>
public sealed record VrrpDatagram(byte[] Data, IPAddress Source, IPAddress Destination, int? HopLimit);

/// <summary>A timer of the state machine fired; <paramref name="Generation"/> tells a stale one from the armed one.</summary>
public sealed record VrrpTimerFired(VrrpTimerKind Timer, long Generation);

/// <summary>Stop as keepalived does on SIGTERM: priority-0 advert if MASTER, VIPs removed; answered with <see cref="VrrpReleased"/>.</summary>
public sealed record ReleaseVrrp
{
    public static readonly ReleaseVrrp Instance = new();
}

public sealed record VrrpReleased(string Instance);

/// <summary>A reload changed only the instance's VIPs, routes or priority: apply them without a restart.</summary>
public sealed record UpdateVrrpInstance(VrrpInPlaceUpdate Update);

public sealed record GetVrrpInstanceStatus
{
    public static readonly GetVrrpInstanceStatus Instance = new();
}

public sealed record VrrpInstanceStatus(
    string Name,
    string Interface,
    VrrpState State,
    byte EffectivePriority,
    byte BasePriority,
    IPAddress? MasterAddress,
    IReadOnlyList<IPAddress> Vips,
    long AdvertsSent,
    long AdvertsReceived,
    IReadOnlyDictionary<VrrpDropReason, long> Drops,
    int Transitions)
{
    public long BecameMaster { get; init; }

    public long ReleasedMaster { get; init; }
}

/// <summary>Published on the event stream at every state change (status, history, metrics listen).</summary>
public sealed record VrrpTransitioned(string Instance, VrrpState From, VrrpState To, byte Priority, DateTimeOffset At);
