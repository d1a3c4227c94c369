using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Director.Core.Checks;

/// <summary>
/// Reads an HTTP/1.x response the way keepalived's checker does: bytes up to the blank line are
/// the header (status from the status line, Content-Length if given); the rest, up to
/// Content-Length when given, is the body, hashed with MD5 as it arrives. The body is not
/// de-chunked (keepalived and genhash hash the raw bytes). Feed bytes, then call
/// <see cref="Finish"/> at end of stream.
/// </summary>
public sealed class HttpResponseReader : IDisposable
{
    public const int MaxHeaderBytes = 64 * 1024;

    private readonly IncrementalHash _md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
    private readonly List<byte> _header = new();
    private bool _headerDone;
    private long _bodyBytes;

    public int StatusCode { get; private set; } = -1;

    public long? ContentLength { get; private set; }

    public bool HeaderComplete => _headerDone;

    public bool HeaderTooLarge { get; private set; }

    public long BodyBytes => _bodyBytes;

    public string HeaderText => Encoding.Latin1.GetString(_header.ToArray());

    public void Feed(ReadOnlySpan<byte> data)
    {
        if (HeaderTooLarge)
            return;
        if (!_headerDone)
        {
            var consumed = FeedHeader(data);
            if (!_headerDone)
                return;
            data = data[consumed..];
        }
        if (data.IsEmpty)
            return;
        var take = data.Length;
        if (ContentLength is { } limit)
            take = (int)Math.Clamp(limit - _bodyBytes, 0, data.Length);
        if (take > 0)
            _md5.AppendData(data[..take]);
        _bodyBytes += data.Length;
    }

    /// <summary>The MD5 (hex) of the body received; call once, at end of stream.</summary>
    public string FinishDigest() => Md5Digest.Hex(_md5);

    public HttpReadResult Finish() => new(_headerDone, StatusCode, ContentLength, _bodyBytes, FinishDigest());

    public void Dispose() => _md5.Dispose();

    private int FeedHeader(ReadOnlySpan<byte> data)
    {
        for (var i = 0; i < data.Length; i++)
        {
            _header.Add(data[i]);
            var n = _header.Count;
            var end = (n >= 4 && _header[n - 4] == '\r' && _header[n - 3] == '\n' && _header[n - 2] == '\r' && _header[n - 1] == '\n')
                      || (n >= 2 && _header[n - 2] == '\n' && _header[n - 1] == '\n');
            if (end)
            {
                _headerDone = true;
                ParseHeader(HeaderText);
                return i + 1;
            }
            if (n > MaxHeaderBytes)
            {
                HeaderTooLarge = true;
                return data.Length;
            }
        }
        return data.Length;
    }

    private void ParseHeader(string header)
    {
        var lines = header.Split('\n');
        StatusCode = ParseStatusLine(lines[0]);
        foreach (var raw in lines.Skip(1))
        {
            var line = raw.TrimEnd('\r');
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
                continue;
            if (line[..colon].Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase)
                && long.TryParse(line[(colon + 1)..].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var length))
                ContentLength = length;
        }
    }

    /// <summary>The status of <c>HTTP/1.1 200 OK</c>; -1 when the line is not a status line.</summary>
    public static int ParseStatusLine(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        line = line.TrimEnd('\r');
        if (!line.StartsWith("HTTP/", StringComparison.OrdinalIgnoreCase))
            return -1;
        var space = line.IndexOf(' ', StringComparison.Ordinal);
        if (space < 0)
            return -1;
        var rest = line[(space + 1)..].TrimStart();
        var digits = 0;
        while (digits < rest.Length && char.IsAsciiDigit(rest[digits]))
            digits++;
        return digits == 0 ? -1 : int.Parse(rest.AsSpan(0, Math.Min(digits, 9)), NumberStyles.None, CultureInfo.InvariantCulture);
    }
}

/// <summary>What was read: whether a header arrived, the status, the declared and received body length, the body's MD5.</summary>
public sealed record HttpReadResult(bool HeaderReceived, int StatusCode, long? ContentLength, long BodyBytes, string DigestHex);
