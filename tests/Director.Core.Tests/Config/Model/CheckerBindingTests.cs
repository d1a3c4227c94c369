using System.Net;
using Director.Core.Config.Model;

namespace Director.Core.Tests.Config.Model;

public sealed class CheckerBindingTests
{
    [Fact]
    public void Tcp_check_binds_common_and_connection_keywords()
    {
        var check = Load.Checker("TCP_CHECK", """
            connect_timeout 3
            connect_ip 192.168.1.2
            connect_port 8080
            bindto 10.0.0.2
            bind_port 4000
            retry 4
            delay_before_retry 2
            delay_loop 10
            warmup 5
            """);

        Assert.Equal(new TcpCheck
        {
            ConnectTimeout = TimeSpan.FromSeconds(3), ConnectIp = IPAddress.Parse("192.168.1.2"), ConnectPort = 8080,
            Bindto = IPAddress.Parse("10.0.0.2"), BindPort = 4000, Retry = 4, DelayBeforeRetry = TimeSpan.FromSeconds(2),
            DelayLoop = TimeSpan.FromSeconds(10), Warmup = TimeSpan.FromSeconds(5),
        }, check);
    }

    [Fact]
    public void Nb_get_retry_is_retry()
    {
        Assert.Equal(3, Load.Checker("HTTP_GET", "nb_get_retry 3\nurl {\n path /\n}").Retry);
    }

    [Fact]
    public void Http_get_binds_urls_with_codes_ranges_and_digest()
    {
        var check = Load.Checker("HTTP_GET", """
            url {
                path /health
                status_code 200 301-302
                virtualhost a.example.com
            }
            url {
                path /index.html
                digest 9B3A0C85A887A256D6939DA88AABD8CD
            }
            virtualhost www.example.com
            http_protocol 1.1
            """);

        Assert.Equal(new HttpGetCheck
        {
            Url = new[]
            {
                new UrlCheck
                {
                    Path = "/health", Virtualhost = "a.example.com",
                    StatusCode = new[] { new StatusCodeRange { From = 200, To = 200 }, new StatusCodeRange { From = 301, To = 302 } },
                },
                new UrlCheck { Path = "/index.html", Digest = "9b3a0c85a887a256d6939da88aabd8cd" },
            },
            Virtualhost = "www.example.com",
            HttpProtocol = "1.1",
        }, check);
    }

    [Fact]
    public void Ssl_get_binds_enable_sni()
    {
        var check = Assert.IsType<SslGetCheck>(Load.Checker("SSL_GET", "enable_sni\nurl {\n path /\n}"));

        Assert.True(check.EnableSni);
    }

    [Fact]
    public void Misc_check_binds()
    {
        var check = Load.Checker("MISC_CHECK", "misc_path /usr/bin/check -x\nmisc_timeout 4\nmisc_dynamic\nuser nobody");

        Assert.Equal(new MiscCheck
        {
            MiscPath = "/usr/bin/check -x", MiscTimeout = TimeSpan.FromSeconds(4), MiscDynamic = true,
            User = new ScriptUser { User = "nobody" },
        }, check);
    }

    [Fact]
    public void Other_checkers_bind()
    {
        Assert.Equal(new SmtpCheck { HeloName = "mx.example.com" }, Load.Checker("SMTP_CHECK", "helo_name mx.example.com"));
        Assert.Equal(new DnsCheck { Type = "AAAA", Name = "example.com" }, Load.Checker("DNS_CHECK", "type aaaa\nname example.com"));
        Assert.Equal(new UdpCheck { RequireReply = true }, Load.Checker("UDP_CHECK", "require_reply"));
        Assert.Equal(new PingCheck { Retry = 2 }, Load.Checker("PING_CHECK", "retry 2"));
        Assert.Equal(new FileCheck { TrackFile = "f", Weight = -10, Reverse = true },
            Load.Checker("FILE_CHECK", "track_file f\nweight -10 reverse", prefix: "track_file f {\n file /tmp/f\n}\n"));
        Assert.Equal(new BfdCheck { Name = "bfd1" }, Load.Checker("BFD_CHECK", "name bfd1"));
    }

    [Theory]
    [InlineData("DNS_CHECK", "type ANY", "error: type: expected one of A NS CNAME SOA MX TXT AAAA, got 'ANY'")]
    [InlineData("HTTP_GET", "http_protocol 2\nurl {\n path /\n}", "error: http_protocol: expected 0.9, 1.0, 1.0C or 1.1, got '2'")]
    [InlineData("TCP_CHECK", "connect_port 70000", "error: connect_port: expected an integer 1-65535, got '70000'")]
    [InlineData("TCP_CHECK", "misc_path /bin/true", "warning: unknown keyword 'misc_path'")]
    [InlineData("FILE_CHECK", "weight 1", "error: FILE_CHECK: missing track_file")]
    [InlineData("FILE_CHECK", "track_file nope", "t.conf:5: error: track_file: 'nope' is not a top-level track_file")]
    [InlineData("FILE_CHECK", "weight 1 sideways", "error: weight: expected reverse or noreverse after the weight, got 'sideways'")]
    [InlineData("BFD_CHECK", "", "error: BFD_CHECK: missing name")]
    public void Checker_diagnostics(string kind, string body, string expected)
    {
        var lines = Load.Lines($"virtual_server 10.0.0.1 80 {{\n protocol TCP\n real_server 192.168.1.1 80 {{\n{kind} {{\n{body}\n}}\n}}\n}}");

        Assert.Contains(lines, l => l.EndsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Misc_and_dns_checks_have_keepalived_retry_defaults()
    {
        Assert.Equal(0, Load.Checker("MISC_CHECK", "misc_path /bin/true").Retry);
        Assert.Equal(3, Load.Checker("DNS_CHECK", "").Retry);
    }

    [Fact]
    public void Checkers_inherit_settings_of_their_real_and_virtual_server()
    {
        var vs = Load.Server("""
            retry 4
            connect_timeout 7
            weight 2
            real_server 192.168.1.1 80 {
                TCP_CHECK {
                    retry 9
                }
                MISC_CHECK {
                    misc_path /bin/true
                }
                delay_before_retry 3
                delay_loop 20
                warmup 2
            }
            real_server 192.168.1.2 80 {
                weight 5
            }
            """);

        var rs = vs.RealServer[0];
        Assert.Equal(2, rs.Weight);
        Assert.Equal(5, vs.RealServer[1].Weight);
        Assert.Equal(new TcpCheck
        {
            Retry = 9, ConnectTimeout = TimeSpan.FromSeconds(7), DelayBeforeRetry = TimeSpan.FromSeconds(3),
            DelayLoop = TimeSpan.FromSeconds(20), Warmup = TimeSpan.FromSeconds(2),
        }, rs.Checkers[0]);
        Assert.Equal(new MiscCheck
        {
            MiscPath = "/bin/true", Retry = 4, DelayBeforeRetry = TimeSpan.FromSeconds(3),
            DelayLoop = TimeSpan.FromSeconds(20), Warmup = TimeSpan.FromSeconds(2),
        }, rs.Checkers[1]);
    }

    [Fact]
    public void Smtp_host_blocks_become_one_checker_each()
    {
        var checkers = Load.Server("""
            real_server 192.168.1.1 25 {
                SMTP_CHECK {
                    connect_timeout 10
                    helo_name mx.example.com
                    host {
                        connect_ip 192.168.1.1
                    }
                    host {
                        connect_ip 192.168.1.2
                        connect_port 2525
                    }
                }
            }
            """).RealServer.Single().Checkers;

        var common = new SmtpCheck { ConnectTimeout = TimeSpan.FromSeconds(10), HeloName = "mx.example.com" };
        Assert.Equal(
            [
                common with { ConnectIp = IPAddress.Parse("192.168.1.1") },
                common with { ConnectIp = IPAddress.Parse("192.168.1.2"), ConnectPort = 2525 },
            ],
            checkers);
    }
}
