using System.Net;
using Director.Core.Balancing;
using Director.Native.Conntrack;

namespace Director.Native.Tests.Conntrack;

public sealed class ConntrackConnectionSourceTests
{
    private const string Text = """
        ipv4     2 tcp      6 431999 ESTABLISHED src=10.0.2.2 dst=10.0.0.1 sport=40000 dport=80 src=10.0.1.1 dst=10.0.2.2 sport=80 dport=40000 [ASSURED] mark=0 zone=0 use=2
        ipv4     2 tcp      6 431999 ESTABLISHED src=10.0.2.2 dst=10.0.0.1 sport=40001 dport=80 src=10.0.1.1 dst=10.0.2.2 sport=80 dport=40001 [ASSURED] mark=0 zone=0 use=2
        ipv4     2 tcp      6 119 TIME_WAIT src=10.0.2.2 dst=10.0.0.1 sport=40002 dport=80 src=10.0.1.2 dst=10.0.2.2 sport=80 dport=40002 [ASSURED] mark=0 zone=0 use=2
        """;

    private static readonly VirtualServiceKey Web = VirtualServiceKey.ForAddress(IPAddress.Parse("10.0.0.1"), 80, IpProtocol.Tcp);
    private static readonly DestinationKey One = new(IPAddress.Parse("10.0.1.1"), 80);
    private static readonly DestinationKey Two = new(IPAddress.Parse("10.0.1.2"), 80);

    [Fact]
    public async Task Counts_each_installed_destination_from_the_conntrack_text()
    {
        var table = new DesiredTable(
        [
            new VirtualService
            {
                Key = Web, Scheduler = Scheduler.Rr,
                Destinations = new[] { new Destination { Address = One.Address, Port = 80 }, new Destination { Address = Two.Address, Port = 80 } }.ToList(),
            },
        ]);

        var counts = await new ConntrackConnectionSource(() => table, () => Text).ReadActiveConnectionsAsync(CancellationToken.None);

        Assert.Equal("conntrack", counts.Source);
        Assert.Equal(2, counts.For(Web, One));
        Assert.Equal(0, counts.For(Web, Two));
    }

    [Fact]
    public async Task Nothing_installed_counts_nothing()
    {
        var counts = await new ConntrackConnectionSource(() => DesiredTable.Empty, () => Text).ReadActiveConnectionsAsync(CancellationToken.None);

        Assert.Equal(0, counts.Count);
    }
}
