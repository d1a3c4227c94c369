using System.Net;
using Director.Core.Balancing;
using Director.Native.Ipvs;
using Director.Native.Netlink;
using K = Director.Native.Tests.Ipvs.KernelReplies;

namespace Director.Native.Tests.Ipvs;

public sealed class IpvsActiveConnectionsTests
{
    private const ushort Id = 0x21;
    private const byte NewService = 1, GetService = 4, GetDest = 8;
    private static readonly IPAddress Vip = IPAddress.Parse("10.0.0.1");
    private static readonly IPAddress RealA = IPAddress.Parse("192.168.1.20");
    private static readonly IPAddress RealB = IPAddress.Parse("192.168.1.21");
    private static readonly VirtualServiceKey Tcp80 = VirtualServiceKey.ForAddress(Vip, 80, IpProtocol.Tcp);
    private static readonly VirtualServiceKey Tcp443 = VirtualServiceKey.ForAddress(Vip, 443, IpProtocol.Tcp);

    private readonly RecordingChannel _channel = new();

    /// <summary>Answers like a kernel holding TCP 10.0.0.1:80, TCP 10.0.0.1:443 and fwmark 7, each with its own counts.</summary>
    private static IReadOnlyList<ReadOnlyMemory<byte>> Kernel(byte[] message)
    {
        if (message[16] == GetService)
        {
            return
            [
                K.Service(Id, 2, 6, Vip, 80, "wlc", flags: 0x2, timeout: 0, netmask: 0xffffffff),
                K.Service(Id, 2, 6, Vip, 443, "rr", flags: 0x2, timeout: 0, netmask: 0xffffffff),
                K.FwmarkService(Id, 2, 7, "sh", 0x2),
            ];
        }

        if (message[16] != GetDest) return [];
        var key = IpvsMessageDecoder.DecodeServiceNest(GenericNetlinkMessage.Parse(message).Attributes[0].Nested()).Service.Key;
        return (key.Fwmark, key.Port) switch
        {
            (7, _) => [K.Destination(Id, RealA, 0, method: 3, weight: 1, active: 11, inactive: 1)],
            (0, 80) =>
            [
                K.Destination(Id, RealA, 80, method: 0, weight: 1, active: 3, inactive: 40, persistent: 2),
                K.Destination(Id, RealB, 80, method: 0, weight: 1, active: 5, inactive: 0),
            ],
            (0, 443) => [K.Destination(Id, RealA, 443, method: 0, weight: 1, active: 0, inactive: 9)],
            _ => [],
        };
    }

    [Fact]
    public async Task Counts_come_per_service_and_destination_from_active_conns()
    {
        _channel.Reply = Kernel;

        var counts = await new IpvsBackend(new IpvsClient(_channel, Id)).ReadActiveConnectionsAsync(CancellationToken.None);

        Assert.Equal("ipvs", counts.Source);
        Assert.Equal(4, counts.Count);
        Assert.Equal(3, counts.For(Tcp80, new DestinationKey(RealA, 80)));
        Assert.Equal(5, counts.For(Tcp80, new DestinationKey(RealB, 80)));
        Assert.Equal(0, counts.For(Tcp443, new DestinationKey(RealA, 443))); // inactive connections are not active
        Assert.Equal(0, counts.For(Tcp443, new DestinationKey(RealB, 443))); // not a destination of that service
        Assert.Equal(0, counts.For(VirtualServiceKey.ForAddress(Vip, 80, IpProtocol.Udp), new DestinationKey(RealA, 80)));
    }

    [Theory]
    [InlineData(IpProtocol.Tcp)]
    [InlineData(IpProtocol.Udp)]
    public async Task A_fwmark_service_is_found_whatever_protocol_the_configuration_gave_it(IpProtocol protocol)
    {
        _channel.Reply = Kernel;

        var counts = await new IpvsBackend(new IpvsClient(_channel, Id)).ReadActiveConnectionsAsync(CancellationToken.None);

        Assert.Equal(11, counts.For(VirtualServiceKey.ForFwmark(7, IpFamily.V4, protocol), new DestinationKey(RealA, 0)));
        Assert.Equal(0, counts.For(VirtualServiceKey.ForFwmark(7, IpFamily.V6, protocol), new DestinationKey(RealA, 0)));
        Assert.Equal(0, counts.For(VirtualServiceKey.ForFwmark(8, IpFamily.V4, protocol), new DestinationKey(RealA, 0)));
    }

    [Fact]
    public async Task One_services_dump_then_one_destinations_dump_per_service()
    {
        _channel.Reply = Kernel;

        await new IpvsBackend(new IpvsClient(_channel, Id)).ReadActiveConnectionsAsync(CancellationToken.None);

        Assert.Equal(new[] { GetService, GetDest, GetDest, GetDest }, _channel.Commands);
        Assert.All(_channel.Sent, m => Assert.NotEqual(0, BitConverter.ToUInt16(m, 6) & 0x300)); // NLM_F_DUMP
    }

    [Fact]
    public async Task Reads_go_to_the_read_channel_and_commands_to_the_command_channel()
    {
        var reads = new RecordingChannel { Reply = Kernel };
        using var backend = new IpvsBackend(new IpvsClient(_channel, Id), new IpvsClient(reads, Id));

        var counts = await backend.ReadActiveConnectionsAsync(CancellationToken.None);
        await backend.ApplyAsync([new AddService(new VirtualService { Key = Tcp80, Scheduler = Scheduler.Rr })], DesiredTable.Empty, CancellationToken.None);

        Assert.Equal(4, counts.Count);
        Assert.Equal(new[] { GetService, GetDest, GetDest, GetDest }, reads.Commands);
        Assert.Equal(new[] { NewService }, _channel.Commands);
    }

    [Fact]
    public async Task A_service_removed_between_the_dumps_is_skipped()
    {
        _channel.Reply = Kernel;
        _channel.Fail(GetDest, GenericNetlinkException.Esrch);

        var counts = await new IpvsBackend(new IpvsClient(_channel, Id)).ReadActiveConnectionsAsync(CancellationToken.None);

        Assert.Equal(0, counts.For(Tcp80, new DestinationKey(RealB, 80)));
        Assert.Equal(11, counts.For(VirtualServiceKey.ForFwmark(7, IpFamily.V4, IpProtocol.Tcp), new DestinationKey(RealA, 0)));
    }

    [Fact]
    public async Task Other_kernel_errors_surface()
    {
        _channel.Fail(GetService, 1); // EPERM

        var e = await Assert.ThrowsAsync<GenericNetlinkException>(() =>
            new IpvsBackend(new IpvsClient(_channel, Id)).ReadActiveConnectionsAsync(CancellationToken.None));

        Assert.Equal(1, e.Errno);
    }

    [Fact]
    public async Task An_empty_kernel_table_has_no_counts()
    {
        var counts = await new IpvsBackend(new IpvsClient(_channel, Id)).ReadActiveConnectionsAsync(CancellationToken.None);

        Assert.Equal(0, counts.Count);
        Assert.Equal(new[] { GetService }, _channel.Commands);
    }

    [Fact]
    public async Task On_a_shared_channel_reads_never_overlap_commands()
    {
        var channel = new OverlapDetectingChannel(Kernel);
        var backend = new IpvsBackend(new IpvsClient(channel, Id));
        var service = new VirtualService { Key = Tcp80, Scheduler = Scheduler.Rr };

        var writes = Task.Run(async () =>
        {
            for (var i = 0; i < 30; i++)
                await backend.ApplyAsync([new AddService(service), new RemoveService(Tcp80)], DesiredTable.Empty, CancellationToken.None);
        });
        var reads = Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < 15; i++) await backend.ReadActiveConnectionsAsync(CancellationToken.None);
        }));
        await Task.WhenAll([writes, .. reads]).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(1, channel.MostAtOnce);
    }

    /// <summary>Answers like <see cref="Kernel"/> and remembers how many exchanges were ever in flight at once.</summary>
    private sealed class OverlapDetectingChannel(Func<byte[], IReadOnlyList<ReadOnlyMemory<byte>>> reply) : IGenericNetlinkChannel
    {
        private int _inFlight;
        private int _most;

        public int MostAtOnce => Volatile.Read(ref _most);

        public IReadOnlyList<ReadOnlyMemory<byte>> Exchange(byte[] message, string operation)
        {
            var now = Interlocked.Increment(ref _inFlight);
            try
            {
                int seen;
                while (now > (seen = Volatile.Read(ref _most)) && Interlocked.CompareExchange(ref _most, now, seen) != seen)
                {
                }

                Thread.Sleep(1);
                return reply(message);
            }
            finally
            {
                Interlocked.Decrement(ref _inFlight);
            }
        }
    }
}
