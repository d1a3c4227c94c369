using System.Net;
using System.Text;
using Director.Core.Checks;
using Director.Core.Config.Model;

namespace Director.Core.Tests.Checks;

public class StatusCodeMatcherTests
{
    [Theory]
    [InlineData(200, true)]
    [InlineData(299, true)]
    [InlineData(301, false)]
    [InlineData(199, false)]
    public void Empty_list_accepts_2xx(int status, bool accepted) =>
        Assert.Equal(accepted, StatusCodeMatcher.Accepts(Array.Empty<StatusCodeRange>(), status));

    [Fact]
    public void Codes_and_ranges()
    {
        var ranges = new[] { new StatusCodeRange { From = 301, To = 301 }, new StatusCodeRange { From = 400, To = 404 } };
        Assert.True(StatusCodeMatcher.Accepts(ranges, 301));
        Assert.True(StatusCodeMatcher.Accepts(ranges, 403));
        Assert.False(StatusCodeMatcher.Accepts(ranges, 200));
        Assert.True(StatusCodeMatcher.Accepts(new UrlCheck().StatusCode, 204));
    }
}

public class MiscExitCodeTests
{
    [Theory]
    [InlineData(0, false, true, null)]
    [InlineData(1, false, false, null)]
    [InlineData(2, false, false, null)]
    [InlineData(0, true, true, 7)]
    [InlineData(1, true, false, null)]
    [InlineData(2, true, true, 0)]
    [InlineData(12, true, true, 10)]
    [InlineData(255, true, true, 253)]
    [InlineData(-1, true, false, null)]
    public void Keepalived_mapping(int status, bool dynamic, bool up, int? weight) =>
        Assert.Equal((up, weight), MiscExitCode.Interpret(status, dynamic, configuredWeight: 7));
}

public class Md5DigestTests
{
    [Fact]
    public void Known_md5()
    {
        Assert.Equal("d41d8cd98f00b204e9800998ecf8427e", Md5Digest.Hex(ReadOnlySpan<byte>.Empty));
        Assert.Equal("9e107d9d372bb6826bd81d3542a419d6", Md5Digest.Hex(Encoding.ASCII.GetBytes("The quick brown fox jumps over the lazy dog")));
        Assert.True(Md5Digest.Matches("9E107D9D372BB6826BD81D3542A419D6", "9e107d9d372bb6826bd81d3542a419d6"));
        Assert.False(Md5Digest.Matches("9e107d9d372bb6826bd81d3542a419d7", "9e107d9d372bb6826bd81d3542a419d6"));
    }
}

public class SmtpReplyTests
{
    [Theory]
    [InlineData("220 mail.example ESMTP\r", 220)]
    [InlineData("250 hello", 250)]
    [InlineData("220\r", 220)]
    [InlineData("220-first of many", -1)]
    [InlineData("22 short", -1)]
    [InlineData("abc def", -1)]
    [InlineData("2200 long", -1)]
    public void Status(string line, int expected) => Assert.Equal(expected, SmtpReply.Status(line));

    [Fact]
    public void Commands() => Assert.Equal("HELO lb1\r\n", SmtpReply.Helo("lb1"));
}

public class TrackFileValueTests
{
    [Theory]
    [InlineData("12\n", 12L)]
    [InlineData("  -3 trailing", -3L)]
    [InlineData("0x10", 16L)]
    [InlineData("010", 8L)]
    [InlineData("", 0L)]
    [InlineData("nothing", 0L)]
    [InlineData("0", 0L)]
    public void Parses_like_strtol_base_0(string content, long expected) => Assert.Equal(expected, TrackFileValue.Parse(content));

    [Fact]
    public void Out_of_range_is_ignored()
    {
        Assert.Null(TrackFileValue.Parse("99999999999"));
        Assert.Equal(2147483648L, TrackFileValue.Parse("2147483648"));
    }

    [Fact]
    public void Weight_zero_means_non_zero_is_a_fault()
    {
        Assert.Equal((true, 0), TrackFileValue.Evaluate(0, 0, false));
        Assert.Equal((false, 0), TrackFileValue.Evaluate(5, 0, false));
        Assert.Equal((false, 0), TrackFileValue.Evaluate(0, 0, true));
        Assert.Equal((true, 0), TrackFileValue.Evaluate(5, 0, true));
    }

    [Fact]
    public void Weighted_values_change_the_weight()
    {
        Assert.Equal((true, 6), TrackFileValue.Evaluate(3, 2, false));
        Assert.Equal((true, -6), TrackFileValue.Evaluate(3, 2, true));
        Assert.Equal((false, 0), TrackFileValue.Evaluate(int.MinValue, 1, false));
    }
}

public class DnsQueryTests
{
    [Fact]
    public void Encodes_a_recursive_query()
    {
        var q = DnsQuery.Encode(0x1234, "www.example.com", "A");
        Assert.Equal(new byte[] { 0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0 }, q[..12]);
        Assert.Equal(new byte[] { 3, (byte)'w', (byte)'w', (byte)'w', 7 }, q[12..17]);
        Assert.Equal(new byte[] { 0, 0, 1, 0, 1 }, q[^5..]);
    }

    [Fact]
    public void Root_name_is_a_single_zero_label()
    {
        var q = DnsQuery.Encode(1, ".", "SOA");
        Assert.Equal(new byte[] { 0, 0, 6, 0, 1 }, q[12..]);
        Assert.Throws<ArgumentException>(() => DnsQuery.Encode(1, ".", "BOGUS"));
    }

    [Fact]
    public void Judges_replies()
    {
        var ok = new byte[] { 0x12, 0x34, 0x81, 0x80, 0, 1, 0, 1, 0, 0, 0, 0 };
        var nx = new byte[] { 0x12, 0x34, 0x81, 0x83, 0, 1, 0, 0, 0, 0, 0, 0 };
        var otherId = new byte[] { 0x12, 0x35, 0x81, 0x80, 0, 1, 0, 1, 0, 0, 0, 0 };
        var query = new byte[] { 0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0 };
        Assert.Equal(DnsQuery.ReplyVerdict.Success, DnsQuery.Judge(ok, 0x1234, out _));
        Assert.Equal(DnsQuery.ReplyVerdict.Failure, DnsQuery.Judge(nx, 0x1234, out var rcode));
        Assert.Equal(3, rcode);
        Assert.Equal(DnsQuery.ReplyVerdict.Ignore, DnsQuery.Judge(otherId, 0x1234, out _));
        Assert.Equal(DnsQuery.ReplyVerdict.Ignore, DnsQuery.Judge(query, 0x1234, out _));
        Assert.Equal(DnsQuery.ReplyVerdict.Ignore, DnsQuery.Judge(ok[..5], 0x1234, out _));
    }
}

public class HttpRequestTextTests
{
    private static readonly IPEndPoint Target = new(IPAddress.Parse("10.0.0.5"), 8080);

    [Fact]
    public void Http_1_0_by_default_with_address_and_port_as_host()
    {
        Assert.Equal("GET /health HTTP/1.0\r\nUser-Agent: KeepAliveClient\r\nHost: 10.0.0.5:8080\r\n\r\n",
            HttpRequestText.Build("/health", null, null, Target));
    }

    [Fact]
    public void Close_header_for_1_0C_and_1_1_and_virtualhost_without_port()
    {
        Assert.Equal("GET / HTTP/1.0\r\nUser-Agent: KeepAliveClient\r\nConnection: close\r\nHost: www.example\r\n\r\n",
            HttpRequestText.Build("/", "1.0C", "www.example", Target));
        Assert.Equal("GET / HTTP/1.1\r\nUser-Agent: KeepAliveClient\r\nConnection: close\r\nHost: [2001:db8::1]:80\r\n\r\n",
            HttpRequestText.Build("/", "1.1", null, new IPEndPoint(IPAddress.Parse("2001:db8::1"), 80)));
    }

    [Fact]
    public void Virtualhost_precedence_url_then_checker_then_virtual_server()
    {
        var vs = new VirtualServer { Virtualhost = "vs" };
        Assert.Equal("url", HttpRequestText.VirtualhostFor(new UrlCheck { Virtualhost = "url" }, new HttpGetCheck { Virtualhost = "chk" }, vs));
        Assert.Equal("chk", HttpRequestText.VirtualhostFor(new UrlCheck(), new HttpGetCheck { Virtualhost = "chk" }, vs));
        Assert.Equal("vs", HttpRequestText.VirtualhostFor(new UrlCheck(), new HttpGetCheck(), vs));
        Assert.Null(HttpRequestText.VirtualhostFor(new UrlCheck(), new HttpGetCheck(), null));
    }
}

public class HttpResponseReaderTests
{
    [Fact]
    public void Reads_status_and_hashes_the_body_in_pieces()
    {
        using var reader = new HttpResponseReader();
        var bytes = Encoding.ASCII.GetBytes("HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nThe quick brown fox jumps over the lazy dog");
        foreach (var chunk in bytes.Chunk(7))
            reader.Feed(chunk);
        var result = reader.Finish();
        Assert.True(result.HeaderReceived);
        Assert.Equal(200, result.StatusCode);
        Assert.Equal("9e107d9d372bb6826bd81d3542a419d6", result.DigestHex);
    }

    [Fact]
    public void Body_is_cut_at_content_length()
    {
        using var reader = new HttpResponseReader();
        reader.Feed(Encoding.ASCII.GetBytes("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\nextra"));
        var result = reader.Finish();
        Assert.Equal(404, result.StatusCode);
        Assert.Equal(0, result.ContentLength);
        Assert.Equal("d41d8cd98f00b204e9800998ecf8427e", result.DigestHex);
    }

    [Fact]
    public void No_header_means_no_data()
    {
        using var reader = new HttpResponseReader();
        reader.Feed(Encoding.ASCII.GetBytes("HTTP/1.0 200 OK\r\n"));
        Assert.False(reader.Finish().HeaderReceived);
        Assert.Equal(-1, HttpResponseReader.ParseStatusLine("garbage"));
        Assert.Equal(503, HttpResponseReader.ParseStatusLine("HTTP/1.1 503 Busy"));
    }
}
