using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Director.Actors.Tests.Checks.Servers;

/// <summary>
/// A tiny HTTP/1.0 server for checker tests: reads the request head, waits <see cref="Delay"/>,
/// answers <see cref="Status"/> and <see cref="Body"/>, closes. With a certificate it speaks TLS
/// and records the SNI name it was offered. <see cref="NeverAnswer"/> reads and stays silent.
/// </summary>
internal sealed class TestHttpServer : IAsyncDisposable
{
    private readonly LoopbackTcpServer _server;
    private readonly X509Certificate2? _certificate;
    private readonly List<string> _requests = new();
    private readonly List<string> _sniNames = new();

    public TestHttpServer(X509Certificate2? certificate = null)
    {
        _certificate = certificate;
        _server = new LoopbackTcpServer(ServeAsync);
    }

    public int Status { get; set; } = 200;

    public string Body { get; set; } = "hello";

    public TimeSpan Delay { get; set; }

    public bool NeverAnswer { get; set; }

    public int Port => _server.Port;

    public IReadOnlyList<string> Requests
    {
        get { lock (_requests) return _requests.ToArray(); }
    }

    public IReadOnlyList<string> SniNames
    {
        get { lock (_sniNames) return _sniNames.ToArray(); }
    }

    private async Task ServeAsync(Socket client, CancellationToken stop)
    {
        await using var network = new NetworkStream(client, ownsSocket: false);
        SslStream? tls = null;
        Stream stream = network;
        try
        {
            if (_certificate is not null)
            {
                tls = new SslStream(network, leaveInnerStreamOpen: true);
                stream = tls;
                await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions
                {
                    ServerCertificateSelectionCallback = (_, name) =>
                    {
                        lock (_sniNames) _sniNames.Add(name ?? "");
                        return _certificate;
                    },
                }, stop);
            }
            var head = await ReadHeadAsync(stream, stop);
            lock (_requests) _requests.Add(head);
            if (NeverAnswer)
            {
                await Task.Delay(Timeout.Infinite, stop);
                return;
            }
            if (Delay > TimeSpan.Zero)
                await Task.Delay(Delay, stop);
            var body = Encoding.UTF8.GetBytes(Body);
            var response = Encoding.ASCII.GetBytes($"HTTP/1.0 {Status} Test\r\nContent-Type: text/plain\r\nContent-Length: {body.Length}\r\n\r\n");
            await stream.WriteAsync(response, stop);
            await stream.WriteAsync(body, stop);
            await stream.FlushAsync(stop);
        }
        finally
        {
            if (tls is not null)
                await tls.DisposeAsync();
        }
    }

    private static async Task<string> ReadHeadAsync(Stream stream, CancellationToken stop)
    {
        var received = new List<byte>();
        var buffer = new byte[1024];
        while (received.Count < 16384)
        {
            var n = await stream.ReadAsync(buffer, stop);
            if (n == 0)
                break;
            received.AddRange(buffer.AsSpan(0, n).ToArray());
            if (Encoding.ASCII.GetString(received.ToArray()).Contains("\r\n\r\n", StringComparison.Ordinal))
                break;
        }
        return Encoding.ASCII.GetString(received.ToArray());
    }

    /// <summary>A self-signed certificate for CN=localhost, made in memory.</summary>
    public static X509Certificate2 SelfSignedCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var now = DateTimeOffset.UtcNow;
        using var cert = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(cert.Export(X509ContentType.Pkcs12), null);
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
