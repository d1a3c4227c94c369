using Director.Core.Balancing;
using Director.Core.Balancing.Nft;
using static Director.Core.Tests.Balancing.Tables;

namespace Director.Core.Tests.Balancing.Nft;

public sealed class NftLayoutTests
{
    private static readonly NftOptions Options = new() { DrIngressDevice = "eth0", DrEgressDevice = "eth1" };

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public void The_marker_is_the_comment_of_the_family_table()
    {
        const string listing = """
            table ip6 director {
            	comment "director layout 7"
            }
            table ip director {
            	comment "director layout 2"
            	map services {
            		type ipv4_addr . inet_proto . inet_service : verdict
            	}
            }
            """;

        Assert.Equal("director layout 2", NftLayout.FindMarker(listing, "ip"));
        Assert.Equal("director layout 7", NftLayout.FindMarker(listing, "ip6"));
        Assert.True(NftLayout.IsCurrent(NftLayout.FindMarker(listing, "ip")));
        Assert.False(NftLayout.IsCurrent(NftLayout.FindMarker(listing, "ip6")));
    }

    [Theory]
    [InlineData("table ip director {\n\tchain prerouting {\n\t\tcomment \"director layout 1\"\n\t}\n}\n")]
    [InlineData("table ip director {\n}\n")]
    [InlineData("table inet director {\n\tcomment \"director layout 1\"\n}\n")]
    [InlineData("")]
    public void A_table_without_its_own_comment_has_no_marker(string listing)
    {
        Assert.Null(NftLayout.FindMarker(listing, "ip"));
        Assert.False(NftLayout.IsCurrent(null));
    }

    [Fact]
    public void A_created_table_carries_the_marker()
    {
        var table = new DesiredTable([Service(Key(), "rr", Dest(1))]);
        Assert.Contains($"add table ip director {{ comment \"{NftLayout.Marker}\" ; }}", Lines(NftRulesetBuilder.Full(table, ServiceIds.Empty.Assign(table), Options)));
    }

    [Fact]
    public void The_shared_counter_layout_has_a_marker_of_its_own()
    {
        var table = new DesiredTable([Service(Key(), "rr", Dest(1))]);
        var shared = Options with { PerServiceCounters = false };

        Assert.NotEqual(NftLayout.Marker, NftLayout.SharedMarker);
        Assert.Contains($"add table ip director {{ comment \"{NftLayout.SharedMarker}\" ; }}", Lines(NftRulesetBuilder.Full(table, ServiceIds.Empty.Assign(table), shared)));
        Assert.False(NftLayout.IsCurrent(NftLayout.SharedMarker, Options));
        Assert.True(NftLayout.IsCurrent(NftLayout.SharedMarker, shared));
    }

    [Fact]
    public void A_replacement_deletes_the_table_first_and_recreates_every_service_of_its_family()
    {
        var v6 = Service(Director.Core.Balancing.VirtualServiceKey.ForAddress(System.Net.IPAddress.Parse("2001:db8::1"), 80, IpProtocol.Tcp), "rr",
            new Destination { Address = System.Net.IPAddress.Parse("2001:db8::10"), Port = 80 });
        var current = new DesiredTable([Service(Key(80), "rr", Dest(1)), v6]);
        var target = current.With(Service(Key(443), "rr", Dest(2)));
        var ids = ServiceIds.Empty.Assign(target);

        var text = Lines(NftRulesetBuilder.Replacing(new HashSet<IpFamily> { IpFamily.V4 }, current, target, [Key(443)], ids, Options));

        Assert.Equal(["add table ip director", "delete table ip director", "add table netdev director-dr", "delete table netdev director-dr"], text[..4]);
        Assert.Equal(4, Array.IndexOf(text, $"add table ip director {{ comment \"{NftLayout.Marker}\" ; }}"));
        // The untouched IPv4 service comes back with the new table; the IPv6 table is left alone.
        Assert.Contains($"add element ip director services {{ 10.0.0.1 . 6 . 80 : goto vs_{ids[Key(80)]} }}", text);
        Assert.Contains($"add element ip director services {{ 10.0.0.1 . 6 . 443 : goto vs_{ids[Key(443)]} }}", text);
        Assert.DoesNotContain(text, l => l.Contains("ip6", StringComparison.Ordinal));
        Assert.DoesNotContain(text, l => l.StartsWith("delete element", StringComparison.Ordinal));
    }

    [Fact]
    public void A_replaced_family_without_services_gets_an_empty_current_table()
    {
        var target = new DesiredTable([Service(Key(), "rr", Dest(1))]);
        var text = Lines(NftRulesetBuilder.Replacing(new HashSet<IpFamily> { IpFamily.V6 }, DesiredTable.Empty, target, [], ServiceIds.Empty.Assign(target), Options));

        Assert.Equal(["add table ip6 director", "delete table ip6 director", $"add table ip6 director {{ comment \"{NftLayout.Marker}\" ; }}"], text[..3]);
        Assert.Contains("add set ip6 director registry { type mark ; }", text);
        Assert.DoesNotContain(text, l => l.Contains("netdev", StringComparison.Ordinal) || l.Contains(" ip director", StringComparison.Ordinal));
    }
}
