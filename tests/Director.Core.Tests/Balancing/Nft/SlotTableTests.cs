using Director.Core.Balancing.Nft;

namespace Director.Core.Tests.Balancing.Nft;

public sealed class SlotTableTests
{
    [Fact]
    public void Slots_are_proportional_to_weight_and_interleaved()
    {
        var slots = SlotTable.Weighted([1, 2, 3, 4], 256);

        Assert.Equal(10, slots.Length);
        Assert.Equal([1, 2, 3, 4], Enumerable.Range(0, 4).Select(i => slots.Count(s => s == i)));
        Assert.DoesNotContain(slots.Zip(slots.Skip(1)), p => p.First == p.Second && p.First != 3);
    }

    [Fact]
    public void Weight_zero_gets_no_slot_and_common_divisors_are_removed()
    {
        Assert.Equal([0, 2], SlotTable.Weighted([100, 0, 100], 256).Order());
        Assert.Empty(SlotTable.Weighted([0, 0], 256));
    }

    [Fact]
    public void Large_weights_are_scaled_under_the_limit_keeping_every_server()
    {
        var slots = SlotTable.Weighted([1000, 1, 3000], 64);

        Assert.InRange(slots.Length, 60, 66);
        Assert.Contains(1, slots);
        Assert.InRange(slots.Count(s => s == 2) / (double)slots.Count(s => s == 0), 2.8, 3.2);
    }
}
