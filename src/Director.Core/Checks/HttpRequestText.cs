using System.Net;
using System.Net.Sockets;
using Director.Core.Config.Model;

namespace Director.Core.Checks;

/// <summary>
/// The GET request keepalived's HTTP_GET / SSL_GET sends:
/// <c>GET path HTTP/1.x</c>, <c>User-Agent: KeepAliveClient</c>, <c>Connection: close</c> for
/// "1.0C" and "1.1", and <c>Host:</c> the virtualhost (url, then checker, then virtual server)
/// without a port, else the address and port connected to (IPv6 in brackets).
/// </summary>
public static class HttpRequestText
{
    public static string Build(string path, string? httpProtocol, string? virtualhost, IPEndPoint target)
    {
        ArgumentNullException.ThrowIfNull(target);
        var protocol = (httpProtocol ?? "1.0").ToUpperInvariant();
        var minor = protocol == "1.1" ? 1 : 0;
        var close = protocol is "1.0C" or "1.1" ? "Connection: close\r\n" : "";
        string host;
        if (virtualhost is not null)
        {
            host = virtualhost;
        }
        else
        {
            var address = target.Address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{target.Address}]" : target.Address.ToString();
            host = $"{address}:{target.Port}";
        }
        return $"GET {path} HTTP/1.{minor}\r\nUser-Agent: KeepAliveClient\r\n{close}Host: {host}\r\n\r\n";
    }

    /// <summary>The virtualhost that applies to <paramref name="url"/>: the url's, the checker's, then the virtual server's.</summary>
    public static string? VirtualhostFor(UrlCheck url, HttpCheckerBase checker, VirtualServer? virtualServer)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(checker);
        return url.Virtualhost ?? checker.Virtualhost ?? virtualServer?.Virtualhost;
    }
}
