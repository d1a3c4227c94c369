using System.Globalization;
using System.Net;

namespace Director.Core.Config.Model;

/// <summary>A checker block inside a <c>real_server</c>; the subtype is the block's keyword (HOCON <c>check = TCP_CHECK</c>).</summary>
[ConfigDiscriminator("check")]
public abstract record HealthChecker
{
    /// <summary>
    /// Retries before the server is marked down (also spelled <c>nb_get_retry</c>); 1 by default,
    /// 0 for MISC_CHECK, 3 for DNS_CHECK. Values set on the real or virtual server are inherited.
    /// </summary>
    public int Retry { get; init; } = 1;

    /// <summary>
    /// Null: keepalived's default for the checker kind: 3 s for HTTP_GET and SSL_GET, the checker's
    /// delay_loop for DNS_CHECK, 1 s for the others (resolved by CheckerRunnerSettings).
    /// </summary>
    public TimeSpan? DelayBeforeRetry { get; init; }

    /// <summary>Null: the virtual server's <c>delay_loop</c>.</summary>
    public TimeSpan? DelayLoop { get; init; }

    /// <summary>Upper bound of the random delay before the first check; null: the checker's delay_loop (keepalived's default).</summary>
    public TimeSpan? Warmup { get; init; }

    /// <summary><c>log_all_failures</c>: log every failed check while the checker is up, not only the one that takes it down.</summary>
    public bool LogAllFailures { get; init; }
}

/// <summary>A checker that opens a connection to the real server (or to connect_ip/connect_port).</summary>
public abstract record NetworkChecker : HealthChecker
{
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);

    public IPAddress? ConnectIp { get; init; }

    public int? ConnectPort { get; init; }

    public IPAddress? Bindto { get; init; }

    public int? BindPort { get; init; }
}

[ConfigKind("TCP_CHECK")]
public sealed record TcpCheck : NetworkChecker;

[ConfigKind("UDP_CHECK")]
public sealed record UdpCheck : NetworkChecker
{
    public bool RequireReply { get; init; }
}

[ConfigKind("PING_CHECK")]
public sealed record PingCheck : NetworkChecker;

[ConfigKind("SMTP_CHECK")]
public sealed record SmtpCheck : NetworkChecker
{
    /// <summary>Null: the host name.</summary>
    public string? HeloName { get; init; }
}

/// <summary>keepalived retries a DNS query 3 times by default.</summary>
[ConfigKind("DNS_CHECK")]
public sealed record DnsCheck : NetworkChecker
{
    public DnsCheck() => Retry = 3;

    public string Type { get; init; } = "SOA";

    public string Name { get; init; } = ".";
}

/// <summary>Common part of HTTP_GET and SSL_GET.</summary>
public abstract record HttpCheckerBase : NetworkChecker
{
    public EquatableList<UrlCheck> Url { get; init; } = EquatableList<UrlCheck>.Empty;

    public string? Virtualhost { get; init; }

    /// <summary>"1.0", "1.0C", "1.1" or "0.9"; null: keepalived's 1.0.</summary>
    public string? HttpProtocol { get; init; }
}

[ConfigKind("HTTP_GET")]
public sealed record HttpGetCheck : HttpCheckerBase;

[ConfigKind("SSL_GET")]
public sealed record SslGetCheck : HttpCheckerBase
{
    public bool EnableSni { get; init; }
}

/// <summary>A <c>url</c> block; an empty status list means 200-299 is accepted.</summary>
public sealed record UrlCheck
{
    public string Path { get; init; } = "/";

    public string? Digest { get; init; }

    public EquatableList<StatusCodeRange> StatusCode { get; init; } = new[] { new StatusCodeRange() };

    public string? Virtualhost { get; init; }
}

/// <summary>An HTTP status or a range of them (<c>200-299</c>); HOCON writes it as that text.</summary>
[ConfigScalar]
public sealed record StatusCodeRange
{
    public int From { get; init; } = 200;

    public int To { get; init; } = 299;

    public override string ToString() => From == To ? From.ToString(CultureInfo.InvariantCulture) : $"{From}-{To}";

    /// <summary><c>CODE</c> or <c>FROM-TO</c>, digits only (the range is checked by the validators).</summary>
    public static bool TryParse(string text, out StatusCodeRange range)
    {
        range = new StatusCodeRange();
        var parts = text.Trim().Split('-');
        if (parts.Length is not (1 or 2)
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var from)
            || !int.TryParse(parts[^1], NumberStyles.None, CultureInfo.InvariantCulture, out var to))
            return false;
        range = new StatusCodeRange { From = from, To = to };
        return true;
    }
}

/// <summary>keepalived does not retry a MISC_CHECK by default.</summary>
[ConfigKind("MISC_CHECK")]
public sealed record MiscCheck : HealthChecker
{
    public MiscCheck() => Retry = 0;

    public string MiscPath { get; init; } = "";

    /// <summary>Null: the checker's delay_loop (keepalived's default).</summary>
    public TimeSpan? MiscTimeout { get; init; }

    /// <summary>Exit code 0 up, 1 down, 2-255 sets weight to code - 2.</summary>
    public bool MiscDynamic { get; init; }

    public ScriptUser? User { get; init; }
}

[ConfigKind("FILE_CHECK")]
public sealed record FileCheck : HealthChecker
{
    /// <summary>Name of a top-level <c>track_file</c>.</summary>
    public string TrackFile { get; init; } = "";

    /// <summary>Null: the track_file's own weight.</summary>
    public int? Weight { get; init; }

    /// <summary><c>weight W reverse</c>: a higher value means a lower weight. Null: the track_file's own.</summary>
    public bool? Reverse { get; init; }
}

[ConfigKind("BFD_CHECK")]
public sealed record BfdCheck : HealthChecker
{
    /// <summary>The <c>bfd_instance</c> tracked (keyword <c>name</c>).</summary>
    public string Name { get; init; } = "";
}
