using Director.Core.Checks;
using Director.Core.Config.Model;

namespace Director.Actors.Checks;

/// <summary>
/// HTTP_GET and SSL_GET: every url must answer (a header received), with a status in its
/// status_code list (default 200-299) and, when a digest is given, a body whose MD5 matches.
/// The urls are checked in order; the first failing one decides. As keepalived, the next run (the
/// retry) resumes at the url that failed instead of fetching again the ones that passed; a run that
/// gets through the last url starts again at the first. No url: success, as keepalived.
/// </summary>
public sealed class HttpHealthCheck : IHealthCheck
{
    private readonly HttpCheckerBase _checker;
    private readonly VirtualServer? _virtualServer;
    private readonly ConnectionTarget _target;
    private readonly TimeProvider _time;
    private readonly bool _tls;
    private readonly bool _sni;
    private int _resumeAt;

    public HttpHealthCheck(HttpCheckerBase checker, ConnectionTarget target, VirtualServer? virtualServer, TimeProvider time)
    {
        _checker = checker ?? throw new ArgumentNullException(nameof(checker));
        _target = target ?? throw new ArgumentNullException(nameof(target));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _virtualServer = virtualServer;
        _tls = checker is SslGetCheck;
        _sni = checker is SslGetCheck { EnableSni: true };
    }

    public async Task<CheckOutcome> RunAsync(CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        var first = _resumeAt < _checker.Url.Count ? _resumeAt : 0;
        for (var i = first; i < _checker.Url.Count; i++)
        {
            var url = _checker.Url[i];
            var request = new HttpFetchRequest(_target, url.Path, _checker.HttpProtocol,
                HttpRequestText.VirtualhostFor(url, _checker, _virtualServer), _tls, _sni);
            var fetched = await HttpFetcher.FetchAsync(request, _time, cancellationToken).ConfigureAwait(false);
            var failure = Judge(url, fetched);
            if (failure is not null)
            {
                _resumeAt = i;
                return CheckOutcome.Failure($"{url.Path}: {failure}", _time.GetElapsedTime(started));
            }
        }
        _resumeAt = 0;
        return CheckOutcome.Success($"{_checker.Url.Count} url(s) passed on {_target.Remote}", _time.GetElapsedTime(started));
    }

    private static string? Judge(UrlCheck url, HttpFetchResult fetched)
    {
        if (fetched.Error is not null)
            return fetched.Error;
        var response = fetched.Response!;
        if (!response.HeaderReceived)
            return "no data received";
        if (!StatusCodeMatcher.Accepts(url.StatusCode, response.StatusCode))
            return $"HTTP status code error ({response.StatusCode})";
        if (url.Digest is { } digest && !Md5Digest.Matches(digest, response.DigestHex))
            return $"MD5 digest error (got {response.DigestHex}, expected {digest.ToLowerInvariant()})";
        return null;
    }
}
