using System.Net;

namespace Director.Core.Vrrp;

/// <summary>
/// Everything the state machine remembers about one instance. Timer deadlines mirror the timers
/// the actor holds, so a stale or early expiry can be recognised.
/// </summary>
public sealed record VrrpInstanceState(
    VrrpInstanceConfig Config,
    VrrpState State,
    byte BasePriority,
    byte EffectivePriority,
    TimeSpan MasterAdvertInterval,
    bool InterfaceUp,
    bool SyncFault,
    Instant? MasterDownAt,
    Instant? AdvertAt,
    Instant? GarpDelayAt,
    Instant? GarpRefreshAt,
    Instant? PreemptUntil,
    IPAddress? MasterAddress,
    byte? MasterPriority)
{
    public static VrrpInstanceState Create(VrrpInstanceConfig config) =>
        new(config, VrrpState.Init, config.BasePriority, config.BasePriority, config.AdvertInterval,
            InterfaceUp: true, SyncFault: false, MasterDownAt: null, AdvertAt: null, GarpDelayAt: null,
            GarpRefreshAt: null, PreemptUntil: null, MasterAddress: null, MasterPriority: null);

    public bool Faulted => !InterfaceUp || SyncFault;

    public TimeSpan Skew => VrrpTimers.Skew(Config.Version, EffectivePriority, MasterAdvertInterval);

    public TimeSpan MasterDownInterval =>
        VrrpTimers.MasterDownInterval(Config.Version, EffectivePriority, MasterAdvertInterval, Config.DownTimerAdverts);

    public Instant? Deadline(VrrpTimerKind timer) => timer switch
    {
        VrrpTimerKind.MasterDown => MasterDownAt,
        VrrpTimerKind.Advert => AdvertAt,
        VrrpTimerKind.GarpDelay => GarpDelayAt,
        _ => GarpRefreshAt,
    };
}
