using Director.Actors.Checks;
using Director.Actors.Tests.Checks.Servers;

namespace Director.Actors.Tests.Checks;

public class GenHashTests
{
    [Fact]
    public async Task Prints_the_md5_of_the_body()
    {
        await using var server = new TestHttpServer { Body = "The quick brown fox jumps over the lazy dog" };
        var result = await GenHash.RunAsync(new[] { "-s", "127.0.0.1", "-p", server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-u", "/index.html" });
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("9e107d9d372bb6826bd81d3542a419d6\n", result.Output);
        Assert.StartsWith("GET /index.html HTTP/1.0\r\n", Assert.Single(server.Requests), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ssl_sni_virtualhost_protocol_and_verbose()
    {
        using var cert = TestHttpServer.SelfSignedCertificate();
        await using var server = new TestHttpServer(cert) { Body = "" };
        var result = await GenHash.RunAsync(new[] { "--use-ssl", "-I", "-V", "site.example", "-P", "1.1", "-v", "-t", "2",
            "-s", "127.0.0.1", "-p", server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-u", "/" });
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("d41d8cd98f00b204e9800998ecf8427e", result.Digest);
        Assert.Contains("HTTP/1.0 200 Test", result.Output, StringComparison.Ordinal);
        Assert.Contains("Global response time for [/]", result.Output, StringComparison.Ordinal);
        Assert.Equal("site.example", Assert.Single(server.SniNames));
    }

    [Fact]
    public async Task Missing_options_print_usage()
    {
        var result = await GenHash.RunAsync(new[] { "-s", "127.0.0.1" });
        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("Usage: director genhash", result.Error, StringComparison.Ordinal);
        Assert.Contains("invalid port number 'x'", (await GenHash.RunAsync(new[] { "-p", "x" })).Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Timeout_prints_connection_timed_out()
    {
        await using var server = new TestHttpServer { NeverAnswer = true };
        var result = await GenHash.RunAsync(new[] { "-t", "1", "-s", "127.0.0.1", "-p", server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-u", "/" });
        Assert.Equal(1, result.ExitCode);
        Assert.Equal("Connection timed out\n", result.Output);
    }
}
