using Director.Core.Balancing;
using Director.Core.Config.Model;
using static Director.Core.Tests.Balancing.Tables;

namespace Director.Core.Tests.Balancing;

public sealed class TableDiffTests
{
    [Fact]
    public void Equal_tables_give_no_change()
    {
        var table = new DesiredTable([Service(Key(80), "rr", Dest(1), Dest(2)), Service(Key(443), "wlc", Dest(3))]);
        Assert.Empty(TableDiff.Between(table, new DesiredTable([Service(Key(443), "wlc", Dest(3)), Service(Key(80), "rr", Dest(1), Dest(2))])));
    }

    [Fact]
    public void A_new_service_is_added_with_each_destination()
    {
        var service = Service(Key(), "rr", Dest(1), Dest(2));
        Assert.Equal<TableChange>(
            [new AddService(service), new AddDestination(service.Key, Dest(1)), new AddDestination(service.Key, Dest(2))],
            TableDiff.Between(DesiredTable.Empty, new DesiredTable([service])));
    }

    [Fact]
    public void A_removed_service_is_one_change()
    {
        Assert.Equal<TableChange>([new RemoveService(Key())],
            TableDiff.Between(new DesiredTable([Service(Key(), "rr", Dest(1), Dest(2))]), DesiredTable.Empty));
    }

    [Fact]
    public void Only_the_changed_destinations_of_a_service_are_named()
    {
        var old = new DesiredTable([Service(Key(), "rr", Dest(1), Dest(2), Dest(3)), Service(Key(443), "rr", Dest(1))]);
        var target = new DesiredTable([Service(Key(), "rr", Dest(1), Dest(2, weight: 5), Dest(4)), Service(Key(443), "rr", Dest(1))]);

        Assert.Equal<TableChange>(
        [
            new RemoveDestination(Key(), Dest(3).Key),
            new EditDestination(Key(), Dest(2), Dest(2, weight: 5)),
            new AddDestination(Key(), Dest(4)),
        ], TableDiff.Between(old, target));
    }

    [Fact]
    public void A_scheduler_change_edits_the_service_and_leaves_destinations_alone()
    {
        var old = new DesiredTable([Service(Key(), "rr", Dest(1))]);
        var target = new DesiredTable([Service(Key(), "wlc", Dest(1)) with { Persistence = new Persistence(TimeSpan.FromMinutes(5)) }]);

        var change = Assert.Single(TableDiff.Between(old, target));
        var edit = Assert.IsType<EditService>(change);
        Assert.Equal("wlc", edit.New.Scheduler.Name);
    }

    [Fact]
    public void Applying_the_diff_to_the_old_table_gives_the_new_one()
    {
        var old = new DesiredTable([Service(Key(80), "rr", Dest(1), Dest(2)), Service(Key(81), "sh", Dest(1))]);
        var target = new DesiredTable([Service(Key(80), "wrr", Dest(2, 3), Dest(5)), Service(Key(82), "mh", Dest(7))]);

        Assert.Equal(target, Replay(old, TableDiff.Between(old, target)));
    }

    private static DesiredTable Replay(DesiredTable table, IEnumerable<TableChange> changes)
    {
        foreach (var change in changes)
        {
            table = change switch
            {
                AddService a => table.With(a.Service with { Destinations = EquatableList<Destination>.Empty }),
                EditService e => table.With(e.New with { Destinations = table.Find(e.New.Key)!.Destinations }),
                RemoveService r => table.Without(r.Key),
                AddDestination d => Update(table, d.Service, s => [.. s.Destinations, d.Destination]),
                EditDestination d => Update(table, d.Service, s => s.Destinations.Select(x => x.Key == d.New.Key ? d.New : x).ToList()),
                RemoveDestination d => Update(table, d.Service, s => s.Destinations.Where(x => x.Key != d.Destination).ToList()),
                _ => throw new InvalidOperationException(),
            };
        }

        return new DesiredTable(table.Services.Values.Select(s => s with
        {
            Destinations = s.Destinations.OrderBy(d => d.Address.ToString(), StringComparer.Ordinal).ToArray(),
        }));
    }

    private static DesiredTable Update(DesiredTable table, VirtualServiceKey key, Func<VirtualService, List<Destination>> destinations)
    {
        var service = table.Find(key)!;
        return table.With(service with { Destinations = destinations(service) });
    }
}
