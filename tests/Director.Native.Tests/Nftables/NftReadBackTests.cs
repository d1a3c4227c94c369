using System.Net;
using Director.Core.Balancing;
using Director.Native.Nftables;

namespace Director.Native.Tests.Nftables;

public sealed class NftReadBackTests
{
    private const string Registry = """
        {"nftables": [{"metainfo": {"version": "1.0.6", "release_name": "Lester Gooch #5", "json_schema_version": 1}}, {"set": {"family": "ip", "name": "registry", "table": "director", "type": "mark", "handle": 6, "elem": [{"elem": {"val": 3, "comment": "k=2,6,10.0.0.1,80,0;s=wrr;p=300,255.255.255.0;o=0"}}, {"elem": {"val": 4, "comment": "k=2,17,-,0,7;s=rr;p=-;o=1"}}]}}]}
        """;

    private const string Dests = """
        {"nftables": [{"metainfo": {"version": "1.0.6", "release_name": "Lester Gooch #5", "json_schema_version": 1}}, {"set": {"family": "ip", "name": "dests", "table": "director", "type": ["mark", "ipv4_addr", "inet_service", "mark", "mark"], "handle": 25, "elem": [{"concat": [3, "10.0.1.2", 80, 0, 0]}, {"concat": [3, "10.0.1.1", 8080, 3, 2]}, {"concat": [4, "10.0.1.9", 0, 1, 0]}]}}]}
        """;

    [Fact]
    public void Services_and_destinations_come_back_with_their_ids()
    {
        var (services, ids) = NftReadBack.Parse(Registry, Dests);

        var web = services.Single(s => !s.Key.IsFwmark);
        Assert.Equal(VirtualServiceKey.ForAddress(IPAddress.Parse("10.0.0.1"), 80, IpProtocol.Tcp), web.Key);
        Assert.Equal(new Persistence(TimeSpan.FromSeconds(300), IPAddress.Parse("255.255.255.0")), web.Persistence);
        Assert.Equal([("10.0.1.1", 8080, 3, ForwardingMethod.DirectRoute), ("10.0.1.2", 80, 0, ForwardingMethod.Masquerade)],
            web.Destinations.Select(d => (d.Address.ToString(), d.Port, d.Weight, d.Method)));
        Assert.Equal(3, ids[web.Key]);

        var marked = services.Single(s => s.Key.IsFwmark);
        Assert.Equal(VirtualServiceKey.ForFwmark(7, IpFamily.V4, IpProtocol.Udp), marked.Key);
        Assert.True(marked.OnePacket);
        Assert.Equal(4, ids[marked.Key]);
    }

    [Fact]
    public void Empty_sets_give_no_service()
    {
        var (services, ids) = NftReadBack.Parse("""{"nftables": [{"set": {"name": "registry"}}]}""", "");
        Assert.Empty(services);
        Assert.Empty(ids);
    }
}
