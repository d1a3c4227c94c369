using System.Net;
using Director.Native.Netlink;
using Director.TestSupport.Netns;

namespace Director.Native.Tests.Netns;

[Collection(NetnsCollection.Name)]
public sealed class NetlinkMonitorTests
{
    private static async Task<T> WaitFor<T>(NetlinkMonitor monitor, Func<T, bool> match, TimeSpan timeout)
        where T : NetlinkEvent
    {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            while (true)
                foreach (var e in await monitor.ReceiveAsync(deadline.Token))
                    if (e is T typed && match(typed)) return typed;
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"no matching {typeof(T).Name} within {timeout}");
        }
    }

    [Fact]
    public async Task Link_down_and_up_are_seen_within_a_bounded_time()
    {
        using var hosts = TwoHosts.Create();
        using var monitor = NetlinkMonitor.Open(hosts.A.Name);

        hosts.A.SetDown(TwoHosts.Interface);
        var down = await WaitFor<LinkChanged>(monitor, e => e.Link.Name == TwoHosts.Interface && !e.Link.IsUp, TimeSpan.FromSeconds(5));
        Assert.False(down.Removed);
        Assert.False(down.Link.IsRunning);

        hosts.A.SetUp(TwoHosts.Interface);
        // IFF_RUNNING follows the operational state, which the kernel may announce in a later message.
        var up = await WaitFor<LinkChanged>(monitor, e => e.Link.Name == TwoHosts.Interface && e.Link.IsUp && e.Link.IsRunning, TimeSpan.FromSeconds(5));
        Assert.True(up.Link.IsLowerUp);
    }

    [Fact]
    public async Task Peer_going_down_drops_lower_up_on_our_side()
    {
        using var hosts = TwoHosts.Create();
        using var monitor = NetlinkMonitor.Open(hosts.A.Name);

        hosts.B.SetDown(TwoHosts.Interface);

        var change = await WaitFor<LinkChanged>(monitor, e => e.Link.Name == TwoHosts.Interface && !e.Link.IsLowerUp, TimeSpan.FromSeconds(5));
        Assert.True(change.Link.IsUp);
    }

    [Fact]
    public async Task Address_added_and_removed_in_both_families_are_seen()
    {
        using var hosts = TwoHosts.Create();
        using var monitor = NetlinkMonitor.Open(hosts.A.Name);

        hosts.A.AddAddress(TwoHosts.Interface, "198.51.100.7/32");
        var added = await WaitFor<AddressChanged>(monitor, e => e.Address.Address.Equals(IPAddress.Parse("198.51.100.7")), TimeSpan.FromSeconds(5));
        Assert.False(added.Removed);

        hosts.A.Exec("ip", "addr", "add", "2001:db8:7::7/64", "dev", TwoHosts.Interface, "nodad");
        await WaitFor<AddressChanged>(monitor, e => e.Address.Address.Equals(IPAddress.Parse("2001:db8:7::7")) && !e.Removed, TimeSpan.FromSeconds(5));

        hosts.A.Exec("ip", "addr", "del", "198.51.100.7/32", "dev", TwoHosts.Interface);
        await WaitFor<AddressChanged>(monitor, e => e.Address.Address.Equals(IPAddress.Parse("198.51.100.7")) && e.Removed, TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Receive_is_cancellable()
    {
        using var hosts = TwoHosts.Create();
        using var monitor = NetlinkMonitor.Open(hosts.A.Name, Rtnl.RTMGRP_LINK);
        using var deadline = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        // Late link events of the lab set-up may still arrive first: drain them until the token fires.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            for (var i = 0; i < 1000; i++) await monitor.ReceiveAsync(deadline.Token);
        });
    }
}
