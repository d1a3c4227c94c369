using System.Net.Security;
using System.Net.Sockets;
using System.Text;
using Director.Core.Checks;

namespace Director.Actors.Checks;

/// <summary>Options of one HTTP(S) GET as keepalived's checker and genhash do it.</summary>
public sealed record HttpFetchRequest(ConnectionTarget Target, string Path, string? HttpProtocol, string? Virtualhost, bool UseTls, bool EnableSni);

/// <summary>What one GET produced, or why it failed before a response was read to its end.</summary>
public sealed record HttpFetchResult(HttpReadResult? Response, string? Error, string HeaderText);

/// <summary>
/// A minimal HTTP/1.x client over a socket (and SslStream for SSL_GET): connect within
/// connect_timeout, optional TLS handshake (no certificate verification, SNI only with
/// enable_sni and a virtualhost, as keepalived), send the request, read until the server closes
/// the connection, each read limited by connect_timeout.
/// </summary>
public static class HttpFetcher
{
    public static async Task<HttpFetchResult> FetchAsync(HttpFetchRequest request, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(time);
        var (socket, error) = await SocketFactory.ConnectTcpAsync(request.Target, time, cancellationToken).ConfigureAwait(false);
        if (socket is null)
            return new HttpFetchResult(null, error, "");
        using var owned = socket;
        Stream stream = new NetworkStream(socket, ownsSocket: false);
        try
        {
            if (request.UseTls)
            {
                var tls = new SslStream(stream, leaveInnerStreamOpen: false, (_, _, _, _) => true);
                stream = tls;
                var sni = request.EnableSni && request.Virtualhost is not null ? request.Virtualhost : "";
                var handshake = await WithTimeout(
                    t => tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = sni }, t),
                    request.Target.Timeout, time, cancellationToken).ConfigureAwait(false);
                if (handshake is not null)
                    return new HttpFetchResult(null, $"SSL handshake with {request.Target.Remote}: {handshake}", "");
            }

            var text = HttpRequestText.Build(request.Path, request.HttpProtocol, request.Virtualhost, request.Target.Remote);
            var bytes = Encoding.ASCII.GetBytes(text);
            var written = await WithTimeout(t => stream.WriteAsync(bytes, t).AsTask(), request.Target.Timeout, time, cancellationToken).ConfigureAwait(false);
            if (written is not null)
                return new HttpFetchResult(null, $"cannot send GET to {request.Target.Remote}: {written}", "");

            using var reader = new HttpResponseReader();
            var buffer = new byte[8192];
            while (true)
            {
                var read = 0;
                var failure = await WithTimeout(async t => read = await stream.ReadAsync(buffer, t).ConfigureAwait(false),
                    request.Target.Timeout, time, cancellationToken).ConfigureAwait(false);
                if (failure is not null)
                    return new HttpFetchResult(null, $"read from {request.Target.Remote}: {failure}", reader.HeaderText);
                if (read == 0)
                    break;
                reader.Feed(buffer.AsSpan(0, read));
                if (reader.HeaderTooLarge)
                    return new HttpFetchResult(null, $"response header from {request.Target.Remote} too large", "");
            }
            return new HttpFetchResult(reader.Finish(), null, reader.HeaderText);
        }
        finally
        {
            await stream.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Runs <paramref name="operation"/> with a deadline; null on success, else why it failed.</summary>
    private static async Task<string?> WithTimeout(Func<CancellationToken, Task> operation, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        using var deadline = Deadline.Start(timeout, time, cancellationToken);
        try
        {
            await operation(deadline.Token).ConfigureAwait(false);
            return null;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return "timed out";
        }
        catch (IOException e)
        {
            return e.InnerException is SocketException s ? s.SocketErrorCode.ToString() : e.Message;
        }
        catch (SocketException e)
        {
            return e.SocketErrorCode.ToString();
        }
        catch (System.Security.Authentication.AuthenticationException e)
        {
            return e.Message;
        }
    }
}
