using System.Buffers.Binary;
using Director.Actors.Checks;
using Director.Actors.Tests.Checks.Servers;
using Director.Core.Config.Model;

namespace Director.Actors.Tests.Checks;

public class DnsHealthCheckTests
{
    private static byte[] Reply(byte[] query, int rcode, ushort? id = null)
    {
        var reply = (byte[])query.Clone();
        if (id is { } other)
            BinaryPrimitives.WriteUInt16BigEndian(reply, other);
        reply[2] = 0x81;
        reply[3] = (byte)(0x80 | rcode);
        return reply;
    }

    private static IHealthCheck Dns(int port, TimeSpan timeout, string type = "A", string name = "www.example.com") =>
        HealthCheckFactory.Create(new DnsCheck { ConnectTimeout = timeout, Type = type, Name = name }, CheckTestKit.RealServer(port), CheckTestKit.VirtualServer());

    [Fact]
    public async Task Noerror_reply_with_the_same_id_is_up()
    {
        byte[]? seen = null;
        await using var server = new TestUdpServer(q => { seen = q; return new[] { Reply(q, 0) }; });
        var outcome = await Dns(server.Port, CheckTestKit.Generous, "MX", "example.org").RunAsync(CancellationToken.None);
        Assert.True(outcome.Up, outcome.Detail);
        Assert.NotNull(seen);
        Assert.Equal(new byte[] { 0, 15, 0, 1 }, seen![^4..]);
    }

    [Fact]
    public async Task Nxdomain_is_down()
    {
        await using var server = new TestUdpServer(q => new[] { Reply(q, 3) });
        var outcome = await Dns(server.Port, CheckTestKit.Generous).RunAsync(CancellationToken.None);
        Assert.False(outcome.Up);
        Assert.Contains("rcode 3", outcome.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reply_with_another_id_is_ignored_until_the_right_one()
    {
        await using var server = new TestUdpServer(q => new[] { Reply(q, 0, (ushort)(BinaryPrimitives.ReadUInt16BigEndian(q) ^ 0xFFFF)), q, Reply(q, 0) });
        Assert.True((await Dns(server.Port, CheckTestKit.Generous).RunAsync(CancellationToken.None)).Up);
    }

    [Fact]
    public async Task Only_wrong_ids_time_out()
    {
        await using var server = new TestUdpServer(q => new[] { Reply(q, 0, (ushort)(BinaryPrimitives.ReadUInt16BigEndian(q) ^ 0xFFFF)) });
        var outcome = await Dns(server.Port, CheckTestKit.Short).RunAsync(CancellationToken.None);
        Assert.False(outcome.Up);
        Assert.Contains("read timeout", outcome.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Silent_server_times_out_and_closed_port_fails()
    {
        await using var silent = new TestUdpServer(null);
        Assert.Contains("read timeout", (await Dns(silent.Port, CheckTestKit.Short).RunAsync(CancellationToken.None)).Detail, StringComparison.Ordinal);
        var closed = await Dns(TestUdpServer.ClosedPort(), CheckTestKit.Generous).RunAsync(CancellationToken.None);
        Assert.False(closed.Up);
        Assert.Contains("ConnectionRefused", closed.Detail, StringComparison.Ordinal);
    }
}
