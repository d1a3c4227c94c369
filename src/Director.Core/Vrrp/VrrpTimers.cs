namespace Director.Core.Vrrp;

/// <summary>
/// VRRP timer formulas with keepalived's integer arithmetic (microseconds):
/// v2 skew = (256 - p) * 1e6 / 256; v3 skew = (256 - p) * A_cs * 625 / 16 (A in whole centiseconds);
/// master down interval = adverts * A + skew (adverts = 3).
/// </summary>
public static class VrrpTimers
{
    public const int DefaultDownTimerAdverts = 3;

    public static TimeSpan Skew(VrrpVersion version, int priority, TimeSpan masterAdvertInterval)
    {
        if (priority is < 0 or > 255)
            throw new ArgumentOutOfRangeException(nameof(priority));
        long microseconds = version == VrrpVersion.V3
            ? (256L - priority) * Centiseconds(masterAdvertInterval) * 625L / 16L
            : (256L - priority) * 1_000_000L / 256L;
        return FromMicroseconds(microseconds);
    }

    public static TimeSpan MasterDownInterval(VrrpVersion version, int priority, TimeSpan masterAdvertInterval,
        int adverts = DefaultDownTimerAdverts) =>
        FromMicroseconds(adverts * Microseconds(masterAdvertInterval)) + Skew(version, priority, masterAdvertInterval);

    private static long Centiseconds(TimeSpan interval) => interval.Ticks / (TimeSpan.TicksPerMillisecond * 10);

    private static long Microseconds(TimeSpan interval) => interval.Ticks / (TimeSpan.TicksPerMillisecond / 1000);

    private static TimeSpan FromMicroseconds(long microseconds) => TimeSpan.FromTicks(microseconds * 10);
}
