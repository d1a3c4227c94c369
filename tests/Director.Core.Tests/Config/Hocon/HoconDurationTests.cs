using Director.Core.Config.Hocon;

namespace Director.Core.Tests.Config.Hocon;

public class HoconDurationTests
{
    public static TheoryData<long, string> Written => new()
    {
        { 0, "0s" },
        { TimeSpan.TicksPerSecond, "1s" },
        { 100 * TimeSpan.TicksPerMillisecond, "100ms" },
        { 1500 * TimeSpan.TicksPerMillisecond, "1.5s" },
        { 1001 * TimeSpan.TicksPerMillisecond, "1.001s" },
        { 90 * TimeSpan.TicksPerSecond, "90s" },
        { 90500 * TimeSpan.TicksPerMillisecond, "90500ms" },
        { TimeSpan.TicksPerMinute, "1m" },
        { TimeSpan.TicksPerHour, "1h" },
        { 25 * TimeSpan.TicksPerHour, "25h" },
        { 2 * TimeSpan.TicksPerDay, "2d" },
        { 250 * 10, "250us" },
        { 7, "700ns" },
        { 1, "100ns" },
        { -TimeSpan.TicksPerSecond, "-1s" },
        { -1500 * TimeSpan.TicksPerMillisecond, "-1.5s" },
    };

    [Theory]
    [MemberData(nameof(Written))]
    public void Writes_the_most_readable_exact_unit_and_reads_it_back(long ticks, string expected)
    {
        var value = TimeSpan.FromTicks(ticks);
        Assert.Equal(expected, HoconDuration.Format(value));
        Assert.True(HoconDuration.TryParse(expected, out var read));
        Assert.Equal(value, read);
    }

    [Fact]
    public void Extremes_round_trip()
    {
        foreach (var value in new[] { TimeSpan.MaxValue, TimeSpan.MinValue, TimeSpan.FromTicks(123456789) })
        {
            Assert.True(HoconDuration.TryParse(HoconDuration.Format(value), out var read));
            Assert.Equal(value, read);
        }
    }

    [Theory]
    [InlineData("5 seconds", 5000)]
    [InlineData("2m", 120000)]
    [InlineData("2 minutes", 120000)]
    [InlineData("0.5s", 500)]
    [InlineData("100 ms", 100)]
    [InlineData("1h", 3600000)]
    [InlineData("1d", 86400000)]
    [InlineData("3000000ns", 3)]
    [InlineData("4000us", 4)]
    public void Reads_hocon_units(string text, long milliseconds)
    {
        Assert.True(HoconDuration.TryParse(text, out var read));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), read);
    }

    [Theory]
    [InlineData("5")]
    [InlineData("s")]
    [InlineData("fast")]
    [InlineData("5 fortnights")]
    [InlineData("1e3s")]
    [InlineData("")]
    public void Refuses_values_without_a_known_unit(string text) => Assert.False(HoconDuration.TryParse(text, out _));
}
