using System.Net;

namespace Director.Core.Vrrp;

/// <summary>
/// The settings of one vrrp_instance that drive its state machine. Defaults are keepalived's.
/// <see cref="PrimaryAddress"/> is the address our adverts come from (tie-break on equal priority).
/// </summary>
public sealed record VrrpInstanceConfig(
    VrrpVersion Version,
    byte Vrid,
    byte BasePriority,
    TimeSpan AdvertInterval,
    IPAddress PrimaryAddress,
    VrrpState InitialState = VrrpState.Backup,
    bool NoPreempt = false,
    TimeSpan PreemptDelay = default,
    TimeSpan? GarpMasterDelay = null,
    int GarpMasterRepeat = 5,
    TimeSpan GarpMasterRefresh = default,
    int GarpMasterRefreshRepeat = 1,
    bool AcceptMode = true,
    bool LowerPriorityNoAdvert = false,
    bool HigherPrioritySendAdvert = false,
    int DownTimerAdverts = VrrpTimers.DefaultDownTimerAdverts)
{
    public static readonly TimeSpan DefaultGarpMasterDelay = TimeSpan.FromSeconds(5);

    public TimeSpan EffectiveGarpMasterDelay => GarpMasterDelay ?? DefaultGarpMasterDelay;

    /// <summary>Priority 255: the address owner, which becomes MASTER at once when configured MASTER.</summary>
    public bool IsAddressOwner => BasePriority == VrrpWire.OwnerPriority;

    /// <summary>nopreempt applies only with initial state BACKUP (keepalived).</summary>
    public bool Preempts => !(NoPreempt && InitialState == VrrpState.Backup);

    /// <summary>preempt_delay applies only with initial state BACKUP (keepalived).</summary>
    public TimeSpan EffectivePreemptDelay => InitialState == VrrpState.Backup ? PreemptDelay : TimeSpan.Zero;

    /// <summary>
    /// A non-owner without accept mode must not accept traffic for its VIPs while MASTER (RFC 5798
    /// 6.4.3). keepalived 2.2.7 applies it to VRRPv2 too (no_accept, or vrrp_strict which also
    /// resets a v2 <c>accept</c>); the address owner never blocks.
    /// </summary>
    public bool BlocksVipTraffic => !AcceptMode && !IsAddressOwner;
}
