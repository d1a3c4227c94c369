using Director.TestSupport.Netns;
using Director.Core.Balancing;

namespace Director.Integration.Tests.Balancing;

[Collection(NetnsCollection.Name)]
public sealed class PersistenceTests
{
    private static VirtualService Persistent(TimeSpan timeout) =>
        LoadBalancingLab.Service("rr", weights: [1, 1, 1, 1]) with { Persistence = new Persistence(timeout) };

    [Fact]
    public async Task Each_new_connection_refreshes_the_timeout_so_a_busy_client_stays_past_it()
    {
        using var lab = new LoadBalancingLab();
        await lab.ApplyAsync(new DesiredTable([Persistent(TimeSpan.FromSeconds(4))]));
        var clients = lab.AddClientAddresses(8);
        // Unpinned one-off clients move the round robin on between rounds, so that a client whose
        // entry had expired would be given another server.
        var movers = Enumerable.Range(40, 10).Select(i => $"10.0.2.{i}").ToArray();
        Shell.Check(string.Join('\n', movers.Select(a => $"ip -n {lab.Client} addr add {a}/24 dev eth0")));
        var seen = clients.ToDictionary(c => c, _ => new HashSet<string>());

        var start = DateTime.UtcNow;
        var rounds = 0;
        while (DateTime.UtcNow - start < TimeSpan.FromSeconds(7) && rounds < 10)
        {
            lab.Requests(1, sourceAddress: movers[rounds]);
            foreach (var c in clients) seen[c].Add(lab.Requests(1, sourceAddress: c)[0]);
            rounds++;
            await Task.Delay(1500);
        }

        Assert.True(DateTime.UtcNow - start > TimeSpan.FromSeconds(6), "the rounds must outlast the 4 s timeout");
        Assert.All(seen.Values, s => Assert.Single(s));
        Assert.DoesNotContain("FAIL", seen.Values.SelectMany(s => s));
    }

    [Fact]
    public async Task Removing_one_server_repins_only_its_clients()
    {
        using var lab = new LoadBalancingLab();
        var all = Persistent(TimeSpan.FromSeconds(60));
        await lab.ApplyAsync(new DesiredTable([all]));
        var clients = lab.AddClientAddresses(8);
        var before = clients.ToDictionary(c => c, c => lab.Requests(1, sourceAddress: c)[0]);
        Assert.Equal(4, before.Values.Distinct().Count());

        await lab.ApplyAsync(new DesiredTable([all with { Destinations = all.Destinations.Where(d => !d.Address.Equals(LoadBalancingLab.ServerAddress(2))).ToArray() }]));
        var after = clients.ToDictionary(c => c, c => lab.Requests(2, sourceAddress: c));

        Assert.All(clients, c =>
        {
            Assert.Single(after[c].Distinct());
            if (before[c] == "rs2") Assert.Contains(after[c][0], new[] { "rs1", "rs3", "rs4" });
            else Assert.Equal(before[c], after[c][0]);
        });
    }
}
