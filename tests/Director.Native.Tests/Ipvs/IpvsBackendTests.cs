using System.Net;
using Director.Core.Balancing;
using Director.Native.Ipvs;
using K = Director.Native.Tests.Ipvs.KernelReplies;

namespace Director.Native.Tests.Ipvs;

public sealed class IpvsBackendTests
{
    private const ushort Id = 0x21;
    private const byte NewService = 1, SetService = 2, DelService = 3, GetService = 4, NewDest = 5, SetDest = 6, DelDest = 7, GetDest = 8;
    private static readonly VirtualServiceKey Tcp80 = VirtualServiceKey.ForAddress(IPAddress.Parse("10.0.0.1"), 80, IpProtocol.Tcp);
    private static readonly IPAddress RealA = IPAddress.Parse("192.168.1.20");
    private static readonly IPAddress RealB = IPAddress.Parse("192.168.1.21");

    private readonly RecordingChannel _channel = new();

    private IpvsBackend Backend() => new(new IpvsClient(_channel, Id));

    private static VirtualService Service(params Destination[] destinations) => new()
    {
        Key = Tcp80,
        Scheduler = Scheduler.Wrr,
        Destinations = destinations.ToList(),
    };

    [Fact]
    public void Name_is_ipvs() => Assert.Equal("ipvs", Backend().Name);

    [Fact]
    public async Task A_new_table_becomes_the_service_then_its_destinations()
    {
        var table = new DesiredTable([Service(new Destination { Address = RealA, Port = 80 }, new Destination { Address = RealB, Port = 80, Weight = 2 })]);

        await Backend().ApplyAsync(TableDiff.Between(DesiredTable.Empty, table), table, CancellationToken.None);

        Assert.Equal(new[] { NewService, NewDest, NewDest }, _channel.Commands);
        Assert.All(_channel.Sent, m => Assert.Equal(Id, BitConverter.ToUInt16(m, 4)));
    }

    [Fact]
    public async Task Every_change_kind_maps_to_its_command()
    {
        var a = new Destination { Address = RealA, Port = 80 };
        var b = new Destination { Address = RealB, Port = 80 };
        var old = new DesiredTable([Service(a, b)]);
        var target = new DesiredTable([Service(a with { Weight = 5 }) with { Scheduler = Scheduler.Rr }]);

        await Backend().ApplyAsync(TableDiff.Between(old, target), target, CancellationToken.None);
        await Backend().ApplyAsync(TableDiff.Between(target, DesiredTable.Empty), DesiredTable.Empty, CancellationToken.None);

        Assert.Equal(new[] { DelDest, SetService, SetDest, DelService }, _channel.Commands);
    }

    [Fact]
    public async Task Adding_what_exists_edits_it()
    {
        _channel.Fail(NewService, GenericNetlinkException.Eexist);
        _channel.Fail(NewDest, GenericNetlinkException.Eexist);
        var table = new DesiredTable([Service(new Destination { Address = RealA, Port = 80 })]);

        await Backend().ApplyAsync(TableDiff.Between(DesiredTable.Empty, table), table, CancellationToken.None);

        Assert.Equal(new[] { NewService, SetService, NewDest, SetDest }, _channel.Commands);
    }

    [Fact]
    public async Task Removing_what_is_gone_is_not_an_error()
    {
        _channel.Fail(DelDest, 2); // ENOENT: no such destination
        _channel.Fail(DelService, 3); // ESRCH: no such service

        await Backend().ApplyAsync(
            [new RemoveDestination(Tcp80, new DestinationKey(RealA, 80)), new RemoveService(Tcp80)], DesiredTable.Empty, CancellationToken.None);

        Assert.Equal(new[] { DelDest, DelService }, _channel.Commands);
    }

    [Fact]
    public async Task Other_kernel_errors_surface_with_the_operation()
    {
        _channel.Fail(NewService, 1); // EPERM

        var e = await Assert.ThrowsAsync<GenericNetlinkException>(() =>
            Backend().ApplyAsync([new AddService(Service())], DesiredTable.Empty, CancellationToken.None));

        Assert.Equal(1, e.Errno);
        Assert.Contains("10.0.0.1", e.Message);
    }

    [Fact]
    public async Task A_cancelled_apply_sends_nothing()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            Backend().ApplyAsync([new AddService(Service())], DesiredTable.Empty, cancelled.Token));

        Assert.Empty(_channel.Sent);
    }

    [Fact]
    public async Task Read_back_rebuilds_the_table_from_the_dumps()
    {
        _channel.Reply = message => message[16] switch
        {
            GetService =>
            [
                K.Service(Id, 2, 6, IPAddress.Parse("10.0.0.1"), 80, "wrr", flags: 0x3, timeout: 300, netmask: 0xffffffff),
                K.FwmarkService(Id, 2, 7, "sh", 0x2),
            ],
            GetDest when GenericNetlinkMessage.Parse(message).Attributes[0].Nested().Any(a => a.Type == 5) =>
                [K.Destination(Id, RealB, 0, method: 3, weight: 1)],
            GetDest => [K.Destination(Id, RealB, 80, method: 0, weight: 2), K.Destination(Id, RealA, 80, method: 0, weight: 1)],
            _ => [],
        };

        var table = await Backend().ReadBackAsync(CancellationToken.None);

        var thresholds = new Destination { UpperThreshold = 100, LowerThreshold = 10 };
        var expected = new DesiredTable(
        [
            new VirtualService
            {
                Key = Tcp80, Scheduler = Scheduler.Wrr, Persistence = new Persistence(TimeSpan.FromSeconds(300)),
                Destinations = new[]
                {
                    thresholds with { Address = RealA, Port = 80, Weight = 1, Method = ForwardingMethod.Masquerade },
                    thresholds with { Address = RealB, Port = 80, Weight = 2, Method = ForwardingMethod.Masquerade },
                }.ToList(),
            },
            new VirtualService
            {
                Key = VirtualServiceKey.ForFwmark(7, IpFamily.V4, IpProtocol.Tcp), Scheduler = Scheduler.Sh,
                Destinations = new[] { thresholds with { Address = RealB, Port = 0, Weight = 1, Method = ForwardingMethod.DirectRoute } }.ToList(),
            },
        ]);
        Assert.NotNull(table);
        Assert.Equal(expected.Services.Keys.OrderBy(k => k.ToString()), table.Services.Keys.OrderBy(k => k.ToString()));
        foreach (var (key, service) in expected.Services) Assert.Equal(service, table.Services[key]);
    }

    [Fact]
    public async Task Read_back_of_an_empty_kernel_table_is_null()
    {
        Assert.Null(await Backend().ReadBackAsync(CancellationToken.None));
        Assert.Equal(new[] { GetService }, _channel.Commands);
    }
}
