using Director.Actors.Checks;
using Director.Actors.Tests.Checks.Servers;
using Director.Core.Config.Model;

namespace Director.Actors.Tests.Checks;

public class SmtpHealthCheckTests
{
    private static IHealthCheck Smtp(int port, TimeSpan timeout, string? helo = "lb1.example") =>
        HealthCheckFactory.Create(new SmtpCheck { ConnectTimeout = timeout, HeloName = helo }, CheckTestKit.RealServer(port), CheckTestKit.VirtualServer());

    [Fact]
    public async Task Full_dialogue_is_up_and_sends_helo_name()
    {
        await using var server = new TestSmtpServer();
        var outcome = await Smtp(server.Port, CheckTestKit.Generous).RunAsync(CancellationToken.None);
        Assert.True(outcome.Up, outcome.Detail);
        Assert.Equal("HELO lb1.example", Assert.Single(server.Helos));
    }

    [Fact]
    public async Task Default_helo_name_is_the_host_name()
    {
        await using var server = new TestSmtpServer();
        var check = new HealthCheckFactory(new HealthCheckServices { HostName = "director-host" })
            .Build(new SmtpCheck { ConnectTimeout = CheckTestKit.Generous }, CheckTestKit.RealServer(server.Port), CheckTestKit.VirtualServer());
        Assert.True((await check.RunAsync(CancellationToken.None)).Up);
        Assert.Equal("HELO director-host", Assert.Single(server.Helos));
    }

    [Fact]
    public async Task Bad_banner_is_down()
    {
        await using var server = new TestSmtpServer { Banner = "554 go away" };
        var outcome = await Smtp(server.Port, CheckTestKit.Generous).RunAsync(CancellationToken.None);
        Assert.False(outcome.Up);
        Assert.Contains("bad greeting banner", outcome.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_helo_reply_is_down()
    {
        await using var server = new TestSmtpServer { HeloReply = "501 syntax" };
        var outcome = await Smtp(server.Port, CheckTestKit.Generous).RunAsync(CancellationToken.None);
        Assert.False(outcome.Up);
        Assert.Contains("bad HELO response", outcome.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Silent_server_times_out_reading_the_banner()
    {
        await using var server = new TestSmtpServer { Banner = null };
        var outcome = await Smtp(server.Port, CheckTestKit.Short).RunAsync(CancellationToken.None);
        Assert.False(outcome.Up);
        Assert.Contains("read timeout", outcome.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Closed_port_is_down()
    {
        using var refusing = CheckTestKit.RefusingPort();
        Assert.False((await Smtp(CheckTestKit.PortOf(refusing), CheckTestKit.Generous).RunAsync(CancellationToken.None)).Up);
    }
}
