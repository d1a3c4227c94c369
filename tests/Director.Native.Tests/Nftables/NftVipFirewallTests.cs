using System.Net;
using Director.Core.Vrrp.Firewall;
using Director.Native.Nftables;
using Director.TestSupport.Netns;

namespace Director.Native.Tests.Nftables;

/// <summary>The VIP drop table in a namespace of its own: installed, replaced and removed whole; no other table touched.</summary>
[Collection(NetnsCollection.Name)]
public sealed class NftVipFirewallTests : IDisposable
{
    private const string OtherTable = """
        table inet other {
            chain input {
                type filter hook input priority 0; policy accept;
                ip saddr 192.0.2.7 counter drop
            }
        }
        """;

    private readonly NetworkLab _lab = NetworkLab.Create();
    private readonly LabNamespace _ns;

    public NftVipFirewallTests()
    {
        _ns = _lab.AddNamespace("fw");
    }

    public void Dispose() => _lab.Dispose();

    private static BlockedVip Vip(string address, string iface = "lo") => new(IPAddress.Parse(address), iface);

    [Fact]
    public async Task Installs_replaces_and_removes_the_table_leaving_others_alone()
    {
        Load(OtherTable);
        var other = _ns.Exec("nft", "list", "table", "inet", "other").Stdout;
        using var firewall = new NftVipFirewall(new VipFirewallOptions("vip_fw", -1, Counters: true), _ns.Name);

        await firewall.ApplyAsync([Vip("10.0.0.100"), Vip("fd00::100"), Vip("fe80::100", "lo")], CancellationToken.None);
        var first = await firewall.ListAsync(CancellationToken.None);
        Assert.Contains("10.0.0.100", first, StringComparison.Ordinal);
        Assert.Contains("fe80::100 . \"lo\"", first, StringComparison.Ordinal);
        Assert.Contains("ip daddr @vips counter packets 0 bytes 0 drop", first, StringComparison.Ordinal);

        await firewall.ApplyAsync([Vip("10.0.0.101")], CancellationToken.None);
        var second = await firewall.ListAsync(CancellationToken.None);
        Assert.Contains("10.0.0.101", second, StringComparison.Ordinal);
        Assert.DoesNotContain("10.0.0.100", second, StringComparison.Ordinal);
        Assert.DoesNotContain("vips6", second, StringComparison.Ordinal);

        await firewall.ApplyAsync([], CancellationToken.None);
        await firewall.ApplyAsync([], CancellationToken.None); // absent already: still fine
        Assert.Equal("", await firewall.ListAsync(CancellationToken.None));
        Assert.Equal(other, _ns.Exec("nft", "list", "table", "inet", "other").Stdout);
    }

    [Fact]
    public async Task A_table_left_by_an_earlier_run_is_replaced_whatever_it_holds()
    {
        Load("""
            table inet vip_fw {
                chain stray {
                    counter
                }
                chain in {
                    type filter hook input priority 5; policy drop;
                }
            }
            """);
        using var firewall = new NftVipFirewall(new VipFirewallOptions("vip_fw"), _ns.Name);

        await firewall.ApplyAsync([Vip("10.0.0.100")], CancellationToken.None);

        var listed = await firewall.ListAsync(CancellationToken.None);
        Assert.DoesNotContain("stray", listed, StringComparison.Ordinal);
        Assert.DoesNotContain("policy drop", listed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Blocked_traffic_to_a_vip_gets_no_answer()
    {
        _ns.Exec("ip", "link", "set", "lo", "up");
        _ns.Exec("ip", "addr", "add", "10.0.0.100/32", "dev", "lo");
        var wait = TimeSpan.FromSeconds(1);
        Assert.True(Reachability.Pings(_ns, "10.0.0.100", wait));
        Assert.Equal(TcpAnswer.Refused, Reachability.Connect(_ns, "10.0.0.100", 9, wait));
        using var firewall = new NftVipFirewall(VipFirewallOptions.Default, _ns.Name);

        await firewall.ApplyAsync([Vip("10.0.0.100")], CancellationToken.None);
        Assert.False(Reachability.Pings(_ns, "10.0.0.100", wait));
        Assert.Equal(TcpAnswer.NoAnswer, Reachability.Connect(_ns, "10.0.0.100", 9, wait));

        await firewall.ApplyAsync([], CancellationToken.None);
        Assert.True(Reachability.Pings(_ns, "10.0.0.100", wait));
    }

    private void Load(string ruleset)
    {
        var path = Path.Combine(Path.GetTempPath(), $"{_ns.Name}-{Guid.NewGuid():N}.nft");
        File.WriteAllText(path, ruleset);
        try
        {
            _ns.Exec("nft", "-f", path);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
