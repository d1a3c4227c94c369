using Director.Actors.History;

namespace Director.Actors.Tests.History;

public class OverrideBookTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static OverrideRecorded E(string? vs, string rs, string action, int? weight = null) => new(vs, rs, action, weight, T0);

    [Fact]
    public void A_later_action_replaces_the_ones_it_covers()
    {
        var book = OverrideBook.Empty
            .Record(E("vs-a", "10.0.0.1:80", OverrideRecorded.Weight, 3))
            .Record(E(null, "10.0.0.1", OverrideRecorded.Drain));
        Assert.Equal([E(null, "10.0.0.1", OverrideRecorded.Drain)], book.Entries);
    }

    [Fact]
    public void Undrain_of_everything_leaves_nothing_but_a_narrower_one_is_kept_after_a_wider_drain()
    {
        Assert.Empty(OverrideBook.Empty.Record(E(null, "10.0.0.1", OverrideRecorded.Drain)).Record(E(null, "10.0.0.1", OverrideRecorded.Clear)).Entries);
        Assert.Empty(OverrideBook.Empty.Record(E(null, "10.0.0.9", OverrideRecorded.Clear)).Entries);

        var book = OverrideBook.Empty
            .Record(E(null, "10.0.0.1", OverrideRecorded.Drain))
            .Record(E("vs-a", "10.0.0.1", OverrideRecorded.Clear));
        Assert.Equal(2, book.Entries.Count);
        Assert.Equal(["drain", "undrain"], book.For("vs-a").Select(c => c.Override is Director.Actors.Balancing.DrainOverride ? "drain" : "undrain"));
        Assert.Equal(["vs-b"], book.For("vs-b").Select(c => c.VirtualServer!));
    }

    [Fact]
    public void Commands_round_trip_through_the_journaled_form()
    {
        var e = E("vs-a", "[fd00::1]:80", OverrideRecorded.Weight, 9);
        var command = e.ToCommand();
        Assert.NotNull(command);
        Assert.Equal(e, OverrideRecorded.From(command, T0));
        Assert.Equal("weight 9", e.Describe());
    }
}
