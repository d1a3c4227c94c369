using Director.Core.Config.Model;
using Director.Core.Config.Reload;

namespace Director.Core.Tests.Config.Reload;

public sealed class KeyedDiffTests
{
    private sealed record Item(string Name, int Value, EquatableList<int> List);

    private static Item I(string name, int value, params int[] list) => new(name, value, list);

    [Fact]
    public void Equal_items_are_unchanged_and_the_rest_is_added_removed_or_changed()
    {
        var diff = KeyedDiff.Of(
            [I("a", 1, 1, 2), I("b", 2), I("c", 3)],
            [I("a", 1, 1, 2), I("b", 5), I("d", 4)],
            i => i.Name);

        Assert.Equal(["a"], diff.Unchanged.Select(i => i.Name));
        Assert.Equal(["d"], diff.Added.Select(i => i.Name));
        Assert.Equal(["c"], diff.Removed.Select(i => i.Name));
        var (before, after) = Assert.Single(diff.Changed);
        Assert.Equal((2, 5), (before.Value, after.Value));
        Assert.False(diff.IsEmpty);
    }

    [Fact]
    public void Lists_compare_by_value_so_a_parsed_again_configuration_is_unchanged()
    {
        var diff = KeyedDiff.Of([I("a", 1, 1, 2, 3)], [I("a", 1, 1, 2, 3)], i => i.Name);

        Assert.True(diff.IsEmpty);
        Assert.Single(diff.Unchanged);
    }

    [Fact]
    public void A_custom_sameness_can_force_a_change()
    {
        var diff = KeyedDiff.Of([I("a", 1)], [I("a", 1)], i => i.Name, (_, _) => false);

        Assert.Single(diff.Changed);
    }

    [Fact]
    public void A_key_seen_twice_counts_once()
    {
        var diff = KeyedDiff.Of([I("a", 1), I("a", 2)], [I("a", 1), I("a", 9)], i => i.Name);

        Assert.True(diff.IsEmpty);
    }

    [Fact]
    public void Record_changes_name_the_properties_that_differ()
    {
        Assert.Equal(["Value", "List"], RecordChanges.Properties(I("a", 1, 1), I("a", 2, 2)));
        Assert.Empty(RecordChanges.Properties(I("a", 1, 1), I("a", 1, 1)));
    }
}
