using Director.Core.Balancing.Nft;

namespace Director.Core.Tests.Balancing.Nft;

public sealed class MaglevTableTests
{
    private static readonly string[] Names = Enumerable.Range(1, 10).Select(i => $"192.168.1.{i}:80").ToArray();

    [Fact]
    public void Every_slot_is_filled_and_shares_are_even()
    {
        var table = MaglevTable.Build(Names, Enumerable.Repeat(1, 10).ToArray(), 251);

        Assert.DoesNotContain(-1, table);
        Assert.All(Enumerable.Range(0, 10), i => Assert.InRange(table.Count(s => s == i), 24, 27));
    }

    [Fact]
    public void The_table_is_the_same_on_every_build()
    {
        Assert.Equal(MaglevTable.Build(Names, Enumerable.Repeat(1, 10).ToArray(), 251), MaglevTable.Build(Names, Enumerable.Repeat(1, 10).ToArray(), 251));
    }

    [Fact]
    public void Removing_one_server_moves_little_more_than_its_own_slots()
    {
        var before = MaglevTable.Build(Names, Enumerable.Repeat(1, 10).ToArray(), 251).Select(i => Names[i]).ToArray();
        var rest = Names.Where((_, i) => i != 3).ToArray();
        var after = MaglevTable.Build(rest, Enumerable.Repeat(1, 9).ToArray(), 251).Select(i => rest[i]).ToArray();

        var ownSlots = before.Count(n => n == Names[3]);
        var moved = before.Zip(after).Count(p => p.First != p.Second);
        var movedOthers = moved - ownSlots;

        Assert.True(movedOthers <= 251 * 0.1, $"{movedOthers} slots of other servers moved ({ownSlots} were the removed one's)");
    }

    [Fact]
    public void Weights_give_proportional_shares()
    {
        var table = MaglevTable.Build(Names[..2], [1, 3], 251);
        Assert.InRange(table.Count(s => s == 1) / (double)table.Count(s => s == 0), 2.6, 3.4);
    }
}
