using System.Collections.Concurrent;
using System.Net;
using Director.Core.Balancing;
using Director.Core.Vrrp.Firewall;
using Director.Native.Nftables;
using Director.Native.Nftables.Events;
using Director.TestSupport.Netns;

namespace Director.Native.Tests.Nftables;

/// <summary>
/// The nftables change watcher on the kernel's own notifications, in a namespace of its own:
/// another process's transaction on a watched table is reported with who made it and what it did;
/// one on a table not watched is not, and neither is this process's own write through libnftables.
/// </summary>
[Collection(NetnsCollection.Name)]
public sealed class NftChangeWatcherTests : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);
    private static readonly NftTableRef Watched = new("inet", "vip_watch");

    private readonly NetworkLab _lab = NetworkLab.Create();
    private readonly LabNamespace _ns;
    private readonly BlockingCollection<NftTablesChanged> _seen = new();

    public NftChangeWatcherTests()
    {
        _ns = _lab.AddNamespace("nw");
    }

    public void Dispose()
    {
        _lab.Dispose();
        _seen.Dispose();
    }

    private NftChangeWatcher Watch(params NftTableRef[] tables) =>
        NftChangeWatcher.Start(_ns.Name, t => tables.Contains(t), _seen.Add);

    private NftTablesChanged Next()
    {
        Assert.True(_seen.TryTake(out var change, Wait), "no change reported");
        return change!;
    }

    [Fact]
    public void Another_process_changing_a_watched_table_is_reported_and_one_changing_another_table_is_not()
    {
        using var watcher = Watch(Watched);

        _ns.Exec("nft", "add table inet other; add chain inet other c");
        _ns.Exec("nft", $"add table {Watched}; add chain {Watched} a; add chain {Watched} b");

        // Transactions arrive in commit order: the first report is the second transaction's.
        var change = Next();
        Assert.False(change.EventsLost);
        Assert.Equal("nft", change.ProcessName);
        var table = Assert.Single(change.Tables);
        Assert.Equal(Watched, table.Table);
        Assert.Equal("table added, 2 chains added", table.Summary);

        _ns.Exec("nft", "flush ruleset");
        table = Assert.Single(Next().Tables);
        Assert.Equal("table deleted, 2 chains deleted", table.Summary);
        Assert.False(_seen.TryTake(out _, TimeSpan.FromMilliseconds(300)), "the flush of the other table was reported");
    }

    [Fact]
    public async Task This_process_writing_through_libnftables_is_not_reported()
    {
        using var firewall = new NftVipFirewall(new VipFirewallOptions(Watched.Name), _ns.Name);
        using var watcher = Watch(Watched);

        await firewall.ApplyAsync([new BlockedVip(IPAddress.Parse("10.0.0.100"), "lo")], CancellationToken.None);
        await firewall.ApplyAsync([new BlockedVip(IPAddress.Parse("10.0.0.101"), "lo")], CancellationToken.None);
        Assert.Null(await firewall.DifferenceAsync(CancellationToken.None));
        _ns.Exec("nft", $"flush chain {Watched} in");

        var change = Next();
        Assert.Equal("nft", change.ProcessName);
        Assert.Equal(Watched, Assert.Single(change.Tables).Table);
        Assert.Contains("rule deleted", change.Tables[0].Summary, StringComparison.Ordinal);
        Assert.False(_seen.TryTake(out _, TimeSpan.FromMilliseconds(300)), "a second change was reported");
        var difference = await firewall.DifferenceAsync(CancellationToken.None);
        Assert.NotNull(difference);
        Assert.Contains("lines missing", difference, StringComparison.Ordinal);

        _ns.Exec("nft", "flush ruleset");
        Assert.Contains("table deleted", Next().Tables[0].Summary, StringComparison.Ordinal);
        Assert.Equal($"table {Watched} missing", await firewall.DifferenceAsync(CancellationToken.None));
    }
}
