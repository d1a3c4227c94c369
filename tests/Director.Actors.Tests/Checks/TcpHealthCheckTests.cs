using System.Diagnostics;
using Director.Actors.Checks;
using Director.Actors.Tests.Checks.Servers;
using Director.Core.Config.Model;

namespace Director.Actors.Tests.Checks;

public class TcpHealthCheckTests
{
    [Fact]
    public async Task Listener_is_up()
    {
        await using var server = new LoopbackTcpServer((_, _) => Task.CompletedTask);
        var check = HealthCheckFactory.Create(new TcpCheck { ConnectTimeout = CheckTestKit.Generous }, CheckTestKit.RealServer(server.Port), CheckTestKit.VirtualServer());
        var outcome = await check.RunAsync(CancellationToken.None);
        Assert.True(outcome.Up, outcome.Detail);
    }

    [Fact]
    public async Task Closed_port_is_down_at_once()
    {
        using var refusing = CheckTestKit.RefusingPort();
        var check = new TcpHealthCheck(CheckTestKit.Target(CheckTestKit.PortOf(refusing), TimeSpan.FromSeconds(5)), TimeProvider.System);
        var clock = Stopwatch.StartNew();
        var outcome = await check.RunAsync(CancellationToken.None);
        Assert.False(outcome.Up);
        Assert.Contains("ConnectionRefused", outcome.Detail, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task Dropped_syn_times_out_at_connect_timeout()
    {
        var (listener, fillers) = await CheckTestKit.BlackholeListenerAsync();
        try
        {
            var check = new TcpHealthCheck(CheckTestKit.Target(CheckTestKit.PortOf(listener)), TimeProvider.System);
            var clock = Stopwatch.StartNew();
            var outcome = await check.RunAsync(CancellationToken.None);
            Assert.False(outcome.Up);
            Assert.Contains("timed out", outcome.Detail, StringComparison.Ordinal);
            Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(3));
        }
        finally
        {
            fillers.ForEach(f => f.Dispose());
            listener.Dispose();
        }
    }

    [Fact]
    public async Task Connect_port_and_bind_options_are_honoured()
    {
        await using var server = new LoopbackTcpServer((_, _) => Task.CompletedTask);
        var config = new TcpCheck
        {
            ConnectTimeout = CheckTestKit.Generous,
            ConnectIp = System.Net.IPAddress.Loopback,
            ConnectPort = server.Port,
            Bindto = System.Net.IPAddress.Loopback,
        };
        var check = HealthCheckFactory.Create(config, CheckTestKit.RealServer(1), CheckTestKit.VirtualServer());
        Assert.True((await check.RunAsync(CancellationToken.None)).Up);
        for (var i = 0; i < 100 && server.Accepted == 0; i++)
            await Task.Delay(10);
        Assert.Equal(1, server.Accepted);
    }

    [Fact]
    public async Task Bind_to_a_foreign_address_fails_the_check()
    {
        await using var server = new LoopbackTcpServer((_, _) => Task.CompletedTask);
        var config = new TcpCheck { ConnectTimeout = CheckTestKit.Short, Bindto = System.Net.IPAddress.Parse("192.0.2.77") };
        var outcome = await HealthCheckFactory.Create(config, CheckTestKit.RealServer(server.Port), CheckTestKit.VirtualServer()).RunAsync(CancellationToken.None);
        Assert.False(outcome.Up);
        Assert.Contains("bind", outcome.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bind_port_is_the_source_port()
    {
        var sources = new System.Collections.Concurrent.ConcurrentQueue<int>();
        await using var server = new LoopbackTcpServer((client, _) =>
        {
            sources.Enqueue(((System.Net.IPEndPoint)client.RemoteEndPoint!).Port);
            return Task.CompletedTask;
        });
        int sourcePort;
        using (var probe = CheckTestKit.RefusingPort())
            sourcePort = CheckTestKit.PortOf(probe);
        var config = new TcpCheck { ConnectTimeout = CheckTestKit.Generous, Bindto = System.Net.IPAddress.Loopback, BindPort = sourcePort };
        Assert.True((await HealthCheckFactory.Create(config, CheckTestKit.RealServer(server.Port), CheckTestKit.VirtualServer()).RunAsync(CancellationToken.None)).Up);
        for (var i = 0; i < 100 && sources.IsEmpty; i++)
            await Task.Delay(10);
        Assert.Equal(sourcePort, Assert.Single(sources));
    }
}
