using Director.Core.Checks;
using Director.Core.Config.Model;

namespace Director.Core.Tests.Checks;

public class CheckerRunnerSettingsTests
{
    private static readonly VirtualServer Vs = new() { DelayLoop = TimeSpan.FromSeconds(7), Alpha = true };
    private static readonly RealServer Rs = new() { Weight = 4 };

    [Fact]
    public void Delay_loop_and_warmup_default_to_the_virtual_servers_delay_loop()
    {
        var s = CheckerRunnerSettings.For(new TcpCheck(), Rs, Vs);
        Assert.Equal(TimeSpan.FromSeconds(7), s.DelayLoop);
        Assert.Equal(TimeSpan.FromSeconds(7), s.Warmup);
        Assert.Equal(TimeSpan.FromSeconds(1), s.BootstrapDelay);
        Assert.True(s.Alpha);
        Assert.True(s.RetryWhileDown);
        Assert.Equal(4, s.InitialWeight);
    }

    [Theory]
    [InlineData("TCP_CHECK", 1)]
    [InlineData("HTTP_GET", 3)]
    [InlineData("SSL_GET", 3)]
    [InlineData("SMTP_CHECK", 1)]
    [InlineData("MISC_CHECK", 1)]
    [InlineData("DNS_CHECK", 7)] // keepalived: no default of its own, so delay_loop
    public void Unset_delay_before_retry_takes_keepalived_default_of_the_kind(string kind, int seconds)
    {
        HealthChecker checker = kind switch
        {
            "TCP_CHECK" => new TcpCheck(),
            "HTTP_GET" => new HttpGetCheck(),
            "SSL_GET" => new SslGetCheck(),
            "SMTP_CHECK" => new SmtpCheck(),
            "MISC_CHECK" => new MiscCheck(),
            _ => new DnsCheck(),
        };
        Assert.Equal(TimeSpan.FromSeconds(seconds), CheckerRunnerSettings.For(checker, Rs, Vs).DelayBeforeRetry);
    }

    [Fact]
    public void Dns_check_without_delay_before_retry_retries_after_its_own_delay_loop()
    {
        var s = CheckerRunnerSettings.For(new DnsCheck { DelayLoop = TimeSpan.FromSeconds(2) }, Rs, Vs);
        Assert.Equal(TimeSpan.FromSeconds(2), s.DelayBeforeRetry);
        Assert.Equal(3, s.Retry);
    }

    [Fact]
    public void Unset_warmup_is_the_checkers_own_delay_loop()
    {
        var s = CheckerRunnerSettings.For(new TcpCheck { DelayLoop = TimeSpan.FromSeconds(3) }, Rs, Vs);
        Assert.Equal(TimeSpan.FromSeconds(3), s.Warmup);
    }

    [Fact]
    public void Log_all_failures_comes_from_the_checker_or_global_defs()
    {
        Assert.False(CheckerRunnerSettings.For(new TcpCheck(), Rs, Vs).LogAllFailures);
        Assert.True(CheckerRunnerSettings.For(new TcpCheck { LogAllFailures = true }, Rs, Vs).LogAllFailures);
        Assert.True(CheckerRunnerSettings.For(new TcpCheck(), Rs, Vs, logAllFailures: true).LogAllFailures);
    }

    [Fact]
    public void Checker_values_win()
    {
        var s = CheckerRunnerSettings.For(new HttpGetCheck { DelayLoop = TimeSpan.FromSeconds(2), Warmup = TimeSpan.Zero, Retry = 4, DelayBeforeRetry = TimeSpan.FromSeconds(3) }, Rs, Vs, logAllFailures: true);
        Assert.Equal(TimeSpan.FromSeconds(2), s.DelayLoop);
        Assert.Equal(TimeSpan.Zero, s.Warmup);
        Assert.Equal(4, s.Retry);
        Assert.Equal(TimeSpan.FromSeconds(3), s.DelayBeforeRetry);
        Assert.False(s.RetryWhileDown);
        Assert.True(s.LogAllFailures);
    }

    [Fact]
    public void Misc_schedules_from_start_and_file_check_polls_without_retries_or_alpha()
    {
        Assert.True(CheckerRunnerSettings.For(new MiscCheck(), Rs, Vs).ScheduleFromStart);
        var file = CheckerRunnerSettings.For(new FileCheck(), Rs, Vs);
        Assert.Equal(0, file.Retry);
        Assert.False(file.Alpha);
        Assert.Equal(TimeSpan.Zero, file.BootstrapDelay);
        Assert.Equal(CheckerRunnerSettings.FileCheckPollInterval, file.DelayLoop);
    }
}
