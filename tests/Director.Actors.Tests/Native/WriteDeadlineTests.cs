using System.Net;
using Director.Actors.Native;
using Director.Core.Balancing;
using Director.Core.Config.Model;

namespace Director.Actors.Tests.Native;

/// <summary>
/// A forwarding write's time limit grows with its changes (IPVS: one netlink call each), while a
/// hung call still ends it. Found on Debian's IPVS kernel under QEMU: a 1,000 x 10 first apply
/// was cut off at the 5 s budget again and again and never completed.
/// </summary>
public sealed class WriteDeadlineTests
{
    [Fact]
    public async Task A_write_of_many_changes_may_outlast_the_budget_of_one_call()
    {
        var backend = new OneCallPerChangeBackend(TimeSpan.FromMilliseconds(5), slowEvery: 10);
        var table = new ForwardingTable(backend);
        var services = Services(count: 60, destinations: 9);
        using var deadline = new WriteDeadline(TimeSpan.FromMilliseconds(100));

        await table.UpdateAsync([new UpdateForwarding(services.Select(s => s.Key).ToArray(), services)], deadline.Token, deadline);

        // 60 services + 540 destinations: at least 60 x 5 ms of calls against a 0.1 s budget
        Assert.Equal(600, backend.Calls);
        Assert.Equal(services.Count, table.Current.Services.Count);
    }

    [Fact]
    public async Task A_hung_call_still_ends_the_write()
    {
        var backend = new OneCallPerChangeBackend(Timeout.InfiniteTimeSpan);
        var table = new ForwardingTable(backend);
        var services = Services(count: 2, destinations: 2);
        using var deadline = new WriteDeadline(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            table.UpdateAsync([new UpdateForwarding(services.Select(s => s.Key).ToArray(), services)], deadline.Token, deadline));
        Assert.True(deadline.Expired);
        Assert.Equal(TimeSpan.FromMilliseconds(200) + (WriteDeadline.PerChange * 6), deadline.Limit);
    }

    private static List<VirtualService> Services(int count, int destinations) => Enumerable.Range(0, count)
        .Select(i => new VirtualService
        {
            Key = VirtualServiceKey.ForAddress(IPAddress.Parse($"10.200.{i / 250}.{(i % 250) + 1}"), 80, IpProtocol.Tcp),
            Destinations = Enumerable.Range(0, destinations)
                .Select(d => new Destination { Address = IPAddress.Parse($"192.168.{i % 250}.{d + 10}"), Port = 80 })
                .ToEquatableList(),
        })
        .ToList();

    /// <summary>Like IPVS: no transaction, one kernel call per change; every <paramref name="slowEvery"/>th takes <paramref name="slowCall"/>.</summary>
    private sealed class OneCallPerChangeBackend(TimeSpan slowCall, int slowEvery = 1) : IForwardingBackend
    {
        public int Calls;

        public string Name => "one-call-per-change";

        public async Task ApplyAsync(IReadOnlyList<TableChange> changes, DesiredTable target, CancellationToken cancellationToken)
        {
            foreach (var _ in changes)
            {
                if (Calls % slowEvery == 0) await Task.Delay(slowCall, cancellationToken);
                cancellationToken.ThrowIfCancellationRequested();
                Calls++;
            }
        }

        public Task<DesiredTable?> ReadBackAsync(CancellationToken cancellationToken) => Task.FromResult<DesiredTable?>(null);
    }
}
