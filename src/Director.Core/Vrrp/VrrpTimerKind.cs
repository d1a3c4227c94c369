namespace Director.Core.Vrrp;

/// <summary>The timers an instance actor keeps, one of each at most.</summary>
public enum VrrpTimerKind
{
    /// <summary>Backup: Master_Down_Timer. Fires <see cref="VrrpEvent.MasterDownTimerExpired"/>.</summary>
    MasterDown,
    /// <summary>Master: Adver_Timer. Fires <see cref="VrrpEvent.AdvertTimerExpired"/>.</summary>
    Advert,
    /// <summary>Master: the second gratuitous ARP batch after garp_master_delay. Fires <see cref="VrrpEvent.GarpDelayExpired"/>.</summary>
    GarpDelay,
    /// <summary>Master: periodic gratuitous ARP every garp_master_refresh. Fires <see cref="VrrpEvent.GarpRefreshExpired"/>.</summary>
    GarpRefresh,
}
