using System.Net.Sockets;
using System.Text;

namespace Director.Actors.Checks;

/// <summary>Reads lines ending in '\n' from a socket, each read limited by a timeout.</summary>
internal sealed class LineReader
{
    private const int MaxLine = 4096;
    private readonly Socket _socket;
    private readonly TimeSpan _timeout;
    private readonly TimeProvider _time;
    private readonly byte[] _buffer = new byte[MaxLine];
    private int _length;

    public LineReader(Socket socket, TimeSpan timeout, TimeProvider time)
    {
        _socket = socket;
        _timeout = timeout;
        _time = time;
    }

    /// <summary>The next line (without the '\n'), or null and the reason.</summary>
    public async Task<(string? Line, string? Error)> ReadLineAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var newline = Array.IndexOf(_buffer, (byte)'\n', 0, _length);
            if (newline >= 0)
            {
                var line = Encoding.Latin1.GetString(_buffer, 0, newline);
                _length -= newline + 1;
                Array.Copy(_buffer, newline + 1, _buffer, 0, _length);
                return (line, null);
            }
            if (_length == MaxLine)
                _length = 0; // keepalived wraps a full buffer too
            using var deadline = Deadline.Start(_timeout, _time, cancellationToken);
            int read;
            try
            {
                read = await _socket.ReceiveAsync(_buffer.AsMemory(_length), SocketFlags.None, deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return (null, "read timeout");
            }
            catch (SocketException e)
            {
                return (null, $"read failure: {e.SocketErrorCode}");
            }
            if (read == 0)
                return (null, "read failure: connection closed");
            _length += read;
        }
    }

    public async Task<string?> WriteAsync(string text, CancellationToken cancellationToken)
    {
        using var deadline = Deadline.Start(_timeout, _time, cancellationToken);
        try
        {
            await _socket.SendAsync(Encoding.ASCII.GetBytes(text), SocketFlags.None, deadline.Token).ConfigureAwait(false);
            return null;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return "write timeout";
        }
        catch (SocketException e)
        {
            return $"write failure: {e.SocketErrorCode}";
        }
    }
}
