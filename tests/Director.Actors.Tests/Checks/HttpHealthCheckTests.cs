using System.Diagnostics;
using Director.Actors.Checks;
using Director.Actors.Tests.Checks.Servers;
using Director.Core.Config.Model;

namespace Director.Actors.Tests.Checks;

public class HttpHealthCheckTests
{
    // MD5("The quick brown fox jumps over the lazy dog")
    private const string FoxBody = "The quick brown fox jumps over the lazy dog";
    private const string FoxMd5 = "9e107d9d372bb6826bd81d3542a419d6";

    private static IHealthCheck Http(int port, params UrlCheck[] urls) => Http(port, new HttpGetCheck
    {
        ConnectTimeout = CheckTestKit.Generous,
        Url = urls,
    });

    private static IHealthCheck Http(int port, HttpCheckerBase config, VirtualServer? vs = null) =>
        HealthCheckFactory.Create(config, CheckTestKit.RealServer(port), vs ?? CheckTestKit.VirtualServer());

    [Fact]
    public async Task Status_200_with_matching_digest_is_up()
    {
        await using var server = new TestHttpServer { Body = FoxBody };
        var outcome = await Http(server.Port, new UrlCheck { Path = "/health", Digest = FoxMd5 }).RunAsync(CancellationToken.None);
        Assert.True(outcome.Up, outcome.Detail);
        var request = Assert.Single(server.Requests);
        Assert.StartsWith("GET /health HTTP/1.0\r\nUser-Agent: KeepAliveClient\r\nHost: 127.0.0.1:" + server.Port + "\r\n\r\n", request, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_body_is_a_digest_mismatch()
    {
        await using var server = new TestHttpServer { Body = "not the fox" };
        var outcome = await Http(server.Port, new UrlCheck { Digest = FoxMd5 }).RunAsync(CancellationToken.None);
        Assert.False(outcome.Up);
        Assert.Contains("MD5 digest error", outcome.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_outside_the_list_is_down_and_listed_codes_are_up()
    {
        await using var server = new TestHttpServer { Status = 503 };
        Assert.False((await Http(server.Port, new UrlCheck()).RunAsync(CancellationToken.None)).Up);
        var accept503 = new UrlCheck { StatusCode = new[] { new StatusCodeRange { From = 500, To = 503 } } };
        Assert.True((await Http(server.Port, accept503).RunAsync(CancellationToken.None)).Up);
    }

    [Fact]
    public async Task All_urls_must_pass()
    {
        await using var server = new TestHttpServer { Body = FoxBody };
        var outcome = await Http(server.Port, new UrlCheck { Path = "/a", Digest = FoxMd5 }, new UrlCheck { Path = "/b", Digest = "00000000000000000000000000000000" }).RunAsync(CancellationToken.None);
        Assert.False(outcome.Up);
        Assert.StartsWith("/b: MD5 digest error", outcome.Detail, StringComparison.Ordinal);
        Assert.Equal(new[] { "/a", "/b" }, server.Requests.Select(r => r.Split(' ')[1]));
    }

    [Fact]
    public async Task A_retry_fetches_only_the_url_that_failed_and_a_full_pass_starts_again_at_the_first()
    {
        await using var server = new TestHttpServer { Body = FoxBody };
        var check = Http(server.Port, new UrlCheck { Path = "/a" }, new UrlCheck { Path = "/b", Digest = FoxMd5 }, new UrlCheck { Path = "/c" });
        server.Body = "not the fox";
        Assert.False((await check.RunAsync(CancellationToken.None)).Up); // /a passes, /b fails
        server.Body = FoxBody;
        Assert.True((await check.RunAsync(CancellationToken.None)).Up); // the retry: /b and /c
        Assert.True((await check.RunAsync(CancellationToken.None)).Up); // the next loop: /a, /b, /c
        Assert.Equal(new[] { "/a", "/b", "/b", "/c", "/a", "/b", "/c" }, server.Requests.Select(r => r.Split(' ')[1]));
    }

    [Fact]
    public async Task Server_that_never_answers_times_out_at_connect_timeout()
    {
        await using var server = new TestHttpServer { NeverAnswer = true };
        var clock = Stopwatch.StartNew();
        var outcome = await Http(server.Port, new HttpGetCheck { ConnectTimeout = CheckTestKit.Short, Url = new[] { new UrlCheck() } }).RunAsync(CancellationToken.None);
        Assert.False(outcome.Up);
        Assert.Contains("timed out", outcome.Detail, StringComparison.Ordinal);
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task Slow_server_within_the_timeout_is_up_beyond_it_is_down()
    {
        await using var server = new TestHttpServer { Delay = TimeSpan.FromMilliseconds(100) };
        var patient = new HttpGetCheck { ConnectTimeout = TimeSpan.FromMilliseconds(1500), Url = new[] { new UrlCheck() } };
        Assert.True((await Http(server.Port, patient).RunAsync(CancellationToken.None)).Up);
        server.Delay = TimeSpan.FromMilliseconds(2500);
        Assert.False((await Http(server.Port, patient).RunAsync(CancellationToken.None)).Up);
    }

    [Fact]
    public async Task Closed_port_is_down()
    {
        using var refusing = CheckTestKit.RefusingPort();
        var outcome = await Http(CheckTestKit.PortOf(refusing), new UrlCheck()).RunAsync(CancellationToken.None);
        Assert.False(outcome.Up);
        Assert.Contains("ConnectionRefused", outcome.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Http_1_1_and_virtualhost_shape_the_request()
    {
        await using var server = new TestHttpServer();
        var config = new HttpGetCheck { ConnectTimeout = CheckTestKit.Generous, HttpProtocol = "1.1", Virtualhost = "www.example", Url = new[] { new UrlCheck() } };
        Assert.True((await Http(server.Port, config).RunAsync(CancellationToken.None)).Up);
        Assert.Equal("GET / HTTP/1.1\r\nUser-Agent: KeepAliveClient\r\nConnection: close\r\nHost: www.example\r\n\r\n", Assert.Single(server.Requests));
    }

    [Fact]
    public async Task No_url_is_up_without_a_request()
    {
        await using var server = new TestHttpServer();
        Assert.True((await Http(server.Port).RunAsync(CancellationToken.None)).Up);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Ssl_get_with_self_signed_certificate_and_sni()
    {
        using var cert = TestHttpServer.SelfSignedCertificate();
        await using var server = new TestHttpServer(cert) { Body = FoxBody };
        var config = new SslGetCheck
        {
            ConnectTimeout = CheckTestKit.Generous,
            EnableSni = true,
            Virtualhost = "api.example",
            Url = new[] { new UrlCheck { Digest = FoxMd5 } },
        };
        var outcome = await Http(server.Port, config).RunAsync(CancellationToken.None);
        Assert.True(outcome.Up, outcome.Detail);
        Assert.Equal("api.example", Assert.Single(server.SniNames));
        Assert.Contains("Host: api.example\r\n", Assert.Single(server.Requests), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ssl_get_without_enable_sni_sends_no_server_name()
    {
        using var cert = TestHttpServer.SelfSignedCertificate();
        await using var server = new TestHttpServer(cert);
        var config = new SslGetCheck { ConnectTimeout = CheckTestKit.Generous, Virtualhost = "api.example", Url = new[] { new UrlCheck() } };
        Assert.True((await Http(server.Port, config).RunAsync(CancellationToken.None)).Up);
        Assert.Equal("", Assert.Single(server.SniNames));
    }

    [Fact]
    public async Task Ssl_get_against_plain_http_fails_the_handshake()
    {
        await using var server = new TestHttpServer();
        var config = new SslGetCheck { ConnectTimeout = CheckTestKit.Short, Url = new[] { new UrlCheck() } };
        var outcome = await Http(server.Port, config).RunAsync(CancellationToken.None);
        Assert.False(outcome.Up);
        Assert.Contains("SSL handshake", outcome.Detail, StringComparison.Ordinal);
    }
}
