using System.Globalization;
using System.Net;
using System.Text;

namespace Director.Actors.Checks;

/// <summary>The result of <c>director genhash</c>: exit code, standard output and error text, and the digest when one was computed.</summary>
public sealed record GenHashResult(int ExitCode, string Output, string Error, string? Digest);

/// <summary>
/// keepalived's genhash: fetch a URL as HTTP_GET / SSL_GET would and print the MD5 of the body.
/// Options: <c>-s/--server IP</c>, <c>-p/--port N</c>, <c>-u/--url PATH</c> (all three required),
/// <c>-S/--use-ssl</c>, <c>-I/--use-sni</c>, <c>-V/--use-virtualhost HOST</c>,
/// <c>-P/--protocol 1.0|1.0c|1.1</c>, <c>-t/--timeout SECONDS</c>, <c>-v/--verbose</c>, <c>-h/--help</c>.
/// </summary>
public static class GenHash
{
    public const string Usage =
        "Usage: director genhash COMMAND [OPTIONS]\n" +
        "Commands:\n" +
        "   -s server-address -p port -u url\n" +
        "   -S -s server-address -p port -u url\n" +
        "   -h\n\n" +
        "Options:\n" +
        "Either long or short options are allowed.\n" +
        "   --use-ssl         -S       Use SSL connection to remote server.\n" +
        "   --use-sni         -I       Use SNI during SSL handshake (uses virtualhost setting; see -V).\n" +
        "   --server          -s       Use the specified remote server address.\n" +
        "   --port            -p       Use the specified remote server port.\n" +
        "   --url             -u       Use the specified remote server url.\n" +
        "   --use-virtualhost -V       Use the specified virtualhost in GET query.\n" +
        "   --verbose         -v       Use verbose mode output.\n" +
        "   --help            -h       Display this short inlined help screen.\n" +
        "   --protocol        -P       Use the specified HTTP protocol - '1.0', 1.0c', '1.1'.\n" +
        "                                1.0c means 1.0 with 'Connection: close'\n" +
        "   --timeout         -t       Timeout in seconds\n";

    private sealed record Options(IPAddress Server, int Port, string Url, bool Ssl, bool Sni, string? Virtualhost, string? Protocol, TimeSpan Timeout, bool Verbose);

    public static async Task<GenHashResult> RunAsync(IReadOnlyList<string> args, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        time ??= TimeProvider.System;
        var (options, error) = Parse(args);
        if (options is null)
            return new GenHashResult(1, "", (error is null ? "" : error + "\n") + Usage, null);

        var target = new ConnectionTarget(new IPEndPoint(options.Server, options.Port), null, options.Timeout);
        var request = new HttpFetchRequest(target, options.Url, options.Protocol, options.Virtualhost, options.Ssl, options.Sni);
        var started = time.GetTimestamp();
        var fetched = await HttpFetcher.FetchAsync(request, time, cancellationToken).ConfigureAwait(false);
        var elapsed = time.GetElapsedTime(started);
        if (fetched.Error is not null)
        {
            var timedOut = fetched.Error.Contains("timed out", StringComparison.Ordinal);
            return timedOut
                ? new GenHashResult(1, "Connection timed out\n", "", null)
                : new GenHashResult(1, "", fetched.Error + "\n", null);
        }
        var response = fetched.Response!;
        if (!response.HeaderReceived)
            return new GenHashResult(1, "", "no data received from remote webserver\n", null);

        var output = new StringBuilder();
        if (options.Verbose)
        {
            output.Append("-----------------------[ HTTP Header Ascii Buffer ]-----------------------\n");
            output.Append(fetched.HeaderText.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n')).Append("\n\n");
            output.Append("-----------------------[ HTML MD5 final resulting ]-----------------------\n");
        }
        output.Append(response.DigestHex).Append('\n');
        if (options.Verbose)
            output.Append(CultureInfo.InvariantCulture, $"\nGlobal response time for [{options.Url}] = {(long)elapsed.TotalMicroseconds} usecs\n");
        return new GenHashResult(0, output.ToString(), "", response.DigestHex);
    }

    private static (Options? Options, string? Error) Parse(IReadOnlyList<string> args)
    {
        IPAddress? server = null;
        int? port = null;
        string? url = null, vhost = null, protocol = null;
        bool ssl = false, sni = false, verbose = false;
        var timeout = TimeSpan.FromSeconds(5);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            string Value()
            {
                if (i + 1 >= args.Count)
                    throw new FormatException($"Missing parameter for option {arg}");
                return args[++i];
            }
            try
            {
                switch (arg)
                {
                    case "-h" or "--help":
                        return (null, null);
                    case "-v" or "--verbose":
                        verbose = true;
                        break;
                    case "-S" or "--use-ssl":
                        ssl = true;
                        break;
                    case "-I" or "--use-sni":
                        sni = true;
                        break;
                    case "-s" or "--server":
                        var s = Value();
                        if (!IPAddress.TryParse(s, out server))
                            return (null, $"server should be an IP, not {s}");
                        break;
                    case "-p" or "--port":
                        var p = Value();
                        if (!int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n is <= 0 or > 65535)
                            return (null, $"invalid port number '{p}'");
                        port = n;
                        break;
                    case "-u" or "--url":
                        url = Value();
                        break;
                    case "-V" or "--use-virtualhost":
                        vhost = Value();
                        break;
                    case "-P" or "--protocol":
                        var proto = Value();
                        if (proto is not ("1.0" or "1.0c" or "1.0C" or "1.1"))
                            return (null, $"invalid HTTP protocol version '{proto}'");
                        protocol = proto.ToUpperInvariant();
                        break;
                    case "-t" or "--timeout":
                        var t = Value();
                        if (!uint.TryParse(t.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
                            return (null, $"invalid timeout '{t}'");
                        timeout = TimeSpan.FromSeconds(seconds);
                        break;
                    default:
                        return (null, $"Unknown option {arg}");
                }
            }
            catch (FormatException e)
            {
                return (null, e.Message);
            }
        }
        if (server is null || port is null || url is null)
            return (null, null);
        return (new Options(server, port.Value, url, ssl, sni, vhost, protocol, timeout, verbose), null);
    }
}
