using System.Globalization;

namespace Director.Core.Config.Hocon;

/// <summary>
/// TimeSpan as a HOCON duration. Written in the largest unit that holds it exactly
/// (<c>2d</c>, <c>5m</c>, <c>1s</c>, <c>100ms</c>, <c>250us</c>, <c>700ns</c>), except that a whole
/// number of milliseconds above one second is written as decimal seconds (<c>1.5s</c>).
/// Read with any HOCON unit; a bare number is refused because keepalived's seconds and HOCON's
/// milliseconds would disagree on it.
/// </summary>
internal static class HoconDuration
{
    private const long TicksPerMicrosecond = 10;

    private static readonly (string Unit, long Ticks)[] WriteUnits =
    [
        ("d", TimeSpan.TicksPerDay),
        ("h", TimeSpan.TicksPerHour),
        ("m", TimeSpan.TicksPerMinute),
        ("s", TimeSpan.TicksPerSecond),
        ("ms", TimeSpan.TicksPerMillisecond),
        ("us", TicksPerMicrosecond),
    ];

    private static readonly Dictionary<string, decimal> ReadUnits = BuildReadUnits();

    public static string Format(TimeSpan value)
    {
        // decimal keeps TimeSpan.MinValue's magnitude, which long negation would overflow.
        decimal ticks = value.Ticks;
        var sign = ticks < 0 ? "-" : "";
        var magnitude = Math.Abs(ticks);
        if (magnitude == 0) return "0s";
        if (magnitude > TimeSpan.TicksPerSecond && magnitude % TimeSpan.TicksPerMillisecond == 0
            && magnitude % TimeSpan.TicksPerSecond != 0 && magnitude < TimeSpan.TicksPerMinute)
            return sign + (magnitude / TimeSpan.TicksPerSecond).ToString(CultureInfo.InvariantCulture) + "s";
        foreach (var (unit, unitTicks) in WriteUnits)
            if (magnitude % unitTicks == 0)
                return sign + (magnitude / unitTicks).ToString(CultureInfo.InvariantCulture) + unit;
        return sign + (magnitude * 100).ToString(CultureInfo.InvariantCulture) + "ns";
    }

    public static bool TryParse(string text, out TimeSpan value)
    {
        value = default;
        var trimmed = text.Trim();
        var split = trimmed.Length;
        while (split > 0 && char.IsAsciiLetter(trimmed[split - 1])) split--;
        var unit = trimmed[split..];
        var number = trimmed[..split].TrimEnd();
        if (unit.Length == 0 || number.Length == 0 || !ReadUnits.TryGetValue(unit, out var ticksPerUnit))
            return false;
        if (!decimal.TryParse(number, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint,
                CultureInfo.InvariantCulture, out var amount))
            return false;
        try
        {
            var ticks = decimal.Round(amount * ticksPerUnit, MidpointRounding.AwayFromZero);
            if (ticks < TimeSpan.MinValue.Ticks || ticks > TimeSpan.MaxValue.Ticks) return false;
            value = TimeSpan.FromTicks((long)ticks);
            return true;
        }
        catch (OverflowException)
        {
            return false;
        }
    }

    private static Dictionary<string, decimal> BuildReadUnits()
    {
        var units = new Dictionary<string, decimal>(StringComparer.Ordinal);
        void Add(decimal ticks, params string[] names)
        {
            foreach (var name in names) units[name] = ticks;
        }
        Add(0.01m, "ns", "nano", "nanos", "nanosecond", "nanoseconds");
        Add(TicksPerMicrosecond, "us", "micro", "micros", "microsecond", "microseconds");
        Add(TimeSpan.TicksPerMillisecond, "ms", "milli", "millis", "millisecond", "milliseconds");
        Add(TimeSpan.TicksPerSecond, "s", "second", "seconds");
        Add(TimeSpan.TicksPerMinute, "m", "minute", "minutes");
        Add(TimeSpan.TicksPerHour, "h", "hour", "hours");
        Add(TimeSpan.TicksPerDay, "d", "day", "days");
        return units;
    }
}
