using Director.Native.Nftables;

namespace Director.Native.Tests.Nftables;

public sealed class NftReadBackLayoutTests
{
    [Fact]
    public void Table_families_are_those_holding_the_named_table()
    {
        const string tables = """
            {"nftables": [{"metainfo": {"version": "1.0.6"}}, {"table": {"family": "ip", "name": "director", "handle": 1}}, {"table": {"family": "inet", "name": "other", "handle": 2}}, {"table": {"family": "ip6", "name": "director", "handle": 3}}, {"table": {"family": "netdev", "name": "director-dr", "handle": 4}}]}
            """;

        Assert.Equal(["ip", "ip6"], NftReadBack.TableFamilies(tables, "director").Order());
        Assert.Empty(NftReadBack.TableFamilies("", "director"));
    }

    [Theory]
    [InlineData("""{"nftables": [{"set": {"name": "registry", "type": "ipv4_addr", "elem": ["10.0.0.1"]}}]}""", "")]
    [InlineData("""{"nftables": [{"set": {"name": "registry", "elem": [{"elem": {"val": 3, "comment": "k=2,6,not-an-address,80,0;s=rr;p=-;o=0"}}]}}]}""", "")]
    [InlineData("""{"nftables": [{"set": {"name": "registry"}}]}""", """{"nftables": [{"set": {"name": "dests", "elem": [{"concat": [3, "10.0.1.2"]}]}}]}""")]
    [InlineData("not json", "")]
    [InlineData("""{"nftables": [{"set": {"name": "registry", "type": "mark"}}]}""", """{"nftables": [{"set": {"name": "dests", "type": ["mark", "ipv4_addr"]}}]}""")]
    public void Sets_not_in_the_current_shape_do_not_parse(string registry, string dests)
    {
        Assert.Null(NftReadBack.TryParse(registry, dests));
    }

    [Fact]
    public void Sets_in_the_current_shape_parse()
    {
        const string registry = """{"nftables": [{"set": {"name": "registry", "type": "mark", "elem": [{"elem": {"val": 3, "comment": "k=2,6,10.0.0.1,80,0;s=rr;p=-;o=0"}}]}}]}""";
        const string dests = """{"nftables": [{"set": {"name": "dests", "type": ["mark", "ipv4_addr", "inet_service", "mark", "mark"], "elem": [{"concat": [3, "10.0.1.2", 80, 1, 0]}]}}]}""";

        var (services, ids) = NftReadBack.TryParse(registry, dests)!.Value;

        Assert.Single(Assert.Single(services).Destinations);
        Assert.Equal(3, Assert.Single(ids).Value);
    }
}
