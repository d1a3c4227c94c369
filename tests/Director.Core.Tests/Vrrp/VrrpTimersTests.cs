using Director.Core.Vrrp;

namespace Director.Core.Tests.Vrrp;

public class VrrpTimersTests
{
    [Fact]
    public void V2_priority_100_at_1s_master_down_is_3_609375s()
    {
        Assert.Equal(TimeSpan.FromMicroseconds(609_375), VrrpTimers.Skew(VrrpVersion.V2, 100, TimeSpan.FromSeconds(1)));
        Assert.Equal(TimeSpan.FromMicroseconds(3_609_375), VrrpTimers.MasterDownInterval(VrrpVersion.V2, 100, TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void V2_skew_does_not_depend_on_the_interval()
    {
        Assert.Equal(VrrpTimers.Skew(VrrpVersion.V2, 100, TimeSpan.FromSeconds(1)), VrrpTimers.Skew(VrrpVersion.V2, 100, TimeSpan.FromSeconds(5)));
        Assert.Equal(TimeSpan.FromMicroseconds(15_609_375), VrrpTimers.MasterDownInterval(VrrpVersion.V2, 100, TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public void V3_priority_100_at_100ms_truncates_to_whole_microseconds_as_keepalived()
    {
        // (256 - 100) * 10 cs * 625 / 16 = 60937.5 us, integer division: 60937 us.
        Assert.Equal(TimeSpan.FromMicroseconds(60_937), VrrpTimers.Skew(VrrpVersion.V3, 100, TimeSpan.FromMilliseconds(100)));
        Assert.Equal(TimeSpan.FromMicroseconds(360_937), VrrpTimers.MasterDownInterval(VrrpVersion.V3, 100, TimeSpan.FromMilliseconds(100)));
    }

    [Theory]
    [InlineData(255, 1_000_000, 3_003_906)]
    [InlineData(1, 1_000_000, 3_996_093)]
    [InlineData(200, 500_000, 1_609_375)]
    [InlineData(150, 20_000, 68_281)]
    public void V3_master_down_interval(int priority, long intervalMicroseconds, long expectedMicroseconds)
    {
        Assert.Equal(TimeSpan.FromMicroseconds(expectedMicroseconds),
            VrrpTimers.MasterDownInterval(VrrpVersion.V3, priority, TimeSpan.FromMicroseconds(intervalMicroseconds)));
    }

    [Fact]
    public void Priority_zero_is_the_largest_skew_and_out_of_range_throws()
    {
        Assert.Equal(TimeSpan.FromSeconds(1), VrrpTimers.Skew(VrrpVersion.V2, 0, TimeSpan.FromSeconds(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => VrrpTimers.Skew(VrrpVersion.V2, 256, TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void Interval_fields_truncate_like_keepalived()
    {
        Assert.Equal(1, VrrpPacketCodec.IntervalField(VrrpVersion.V2, TimeSpan.FromSeconds(1.9)));
        Assert.Equal(12, VrrpPacketCodec.IntervalField(VrrpVersion.V3, TimeSpan.FromMilliseconds(129)));
        Assert.Equal(4095, VrrpPacketCodec.IntervalField(VrrpVersion.V3, TimeSpan.FromSeconds(60)));
    }
}
