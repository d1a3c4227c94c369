namespace Director.Core.Vrrp;

/// <summary>
/// A point on a monotonic clock (time since an arbitrary origin, e.g. process start). Pure logic
/// receives it as an input; the actor reads the clock.
/// </summary>
public readonly record struct Instant(TimeSpan SinceOrigin) : IComparable<Instant>
{
    public static readonly Instant Origin = new(TimeSpan.Zero);

    public static Instant FromSeconds(double seconds) => new(TimeSpan.FromSeconds(seconds));

    public int CompareTo(Instant other) => SinceOrigin.CompareTo(other.SinceOrigin);

    public static Instant operator +(Instant instant, TimeSpan span) => new(instant.SinceOrigin + span);

    public static Instant operator -(Instant instant, TimeSpan span) => new(instant.SinceOrigin - span);

    public static TimeSpan operator -(Instant left, Instant right) => left.SinceOrigin - right.SinceOrigin;

    public static bool operator <(Instant left, Instant right) => left.SinceOrigin < right.SinceOrigin;

    public static bool operator >(Instant left, Instant right) => left.SinceOrigin > right.SinceOrigin;

    public static bool operator <=(Instant left, Instant right) => left.SinceOrigin <= right.SinceOrigin;

    public static bool operator >=(Instant left, Instant right) => left.SinceOrigin >= right.SinceOrigin;

    public override string ToString() => $"@{SinceOrigin.TotalSeconds:0.######}s";
}
