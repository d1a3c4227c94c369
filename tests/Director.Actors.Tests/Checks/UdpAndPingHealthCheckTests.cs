using Director.Actors.Checks;
using Director.Actors.Tests.Checks.Servers;
using Director.Core.Config.Model;

namespace Director.Actors.Tests.Checks;

public class UdpHealthCheckTests
{
    private static IHealthCheck Udp(int port, TimeSpan timeout, bool requireReply) =>
        HealthCheckFactory.Create(new UdpCheck { ConnectTimeout = timeout, RequireReply = requireReply }, CheckTestKit.RealServer(port), CheckTestKit.VirtualServer());

    [Fact]
    public async Task Reply_is_up()
    {
        await using var echo = new TestUdpServer(d => new[] { d });
        Assert.True((await Udp(echo.Port, CheckTestKit.Generous, requireReply: true).RunAsync(CancellationToken.None)).Up);
        Assert.Equal(1, echo.Received);
    }

    [Fact]
    public async Task Silence_is_up_unless_a_reply_is_required()
    {
        await using var silent = new TestUdpServer(null);
        Assert.True((await Udp(silent.Port, CheckTestKit.Short, requireReply: false).RunAsync(CancellationToken.None)).Up);
        var required = await Udp(silent.Port, CheckTestKit.Short, requireReply: true).RunAsync(CancellationToken.None);
        Assert.False(required.Up);
        Assert.Contains("no reply", required.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Port_unreachable_is_down()
    {
        var outcome = await Udp(TestUdpServer.ClosedPort(), CheckTestKit.Generous, requireReply: false).RunAsync(CancellationToken.None);
        Assert.False(outcome.Up);
        Assert.Contains("ConnectionRefused", outcome.Detail, StringComparison.Ordinal);
    }
}

public class PingHealthCheckTests
{
    [Fact]
    public async Task Loopback_answers_echo()
    {
        var check = HealthCheckFactory.Create(new PingCheck { ConnectTimeout = CheckTestKit.Generous }, CheckTestKit.RealServer(0), CheckTestKit.VirtualServer());
        var outcome = await check.RunAsync(CancellationToken.None);
        Assert.True(outcome.Up, outcome.Detail);
    }

    [Fact]
    public void Echo_request_checksum_verifies_and_reply_matching()
    {
        var packet = PingHealthCheck.BuildEcho(v6: false, 0x1234, 7);
        Assert.Equal(0, PingHealthCheck.Checksum(packet));
        var reply = (byte[])packet.Clone();
        reply[0] = 0;
        Assert.True(PingHealthCheck.IsEchoReply(reply, v6: false, raw: true, 0x1234, 7));
        Assert.False(PingHealthCheck.IsEchoReply(reply, v6: false, raw: true, 0x1235, 7));
        Assert.True(PingHealthCheck.IsEchoReply(reply, v6: false, raw: false, 0x9999, 7));
        Assert.False(PingHealthCheck.IsEchoReply(packet, v6: false, raw: true, 0x1234, 7));
    }
}
