using System.Net.Sockets;
using Director.Core.Checks;

namespace Director.Actors.Checks;

/// <summary>
/// UDP_CHECK as keepalived: send a datagram and wait connect_timeout. An ICMP error (port
/// unreachable) is a failure; a reply is a success; silence is a success unless require_reply.
/// </summary>
public sealed class UdpHealthCheck : IHealthCheck
{
    /// <summary>keepalived sends a fixed filler buffer when no payload is configured.</summary>
    public static readonly byte[] DefaultPayload = Enumerable.Range(0, 32).Select(i => (byte)('a' + i % 26)).ToArray();

    private readonly ConnectionTarget _target;
    private readonly bool _requireReply;
    private readonly byte[] _payload;
    private readonly TimeProvider _time;

    public UdpHealthCheck(ConnectionTarget target, bool requireReply, TimeProvider time, byte[]? payload = null)
    {
        _target = target ?? throw new ArgumentNullException(nameof(target));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _requireReply = requireReply;
        _payload = payload ?? DefaultPayload;
    }

    public async Task<CheckOutcome> RunAsync(CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        var (up, detail) = await ProbeAsync(cancellationToken).ConfigureAwait(false);
        return new CheckOutcome(up, null, $"UDP {_target.Remote}: {detail}", _time.GetElapsedTime(started));
    }

    private async Task<(bool Up, string Detail)> ProbeAsync(CancellationToken cancellationToken)
    {
        using var socket = SocketFactory.Create(_target, SocketType.Dgram, ProtocolType.Udp);
        using var deadline = Deadline.Start(_target.Timeout, _time, cancellationToken);
        try
        {
            await socket.ConnectAsync(_target.Remote, deadline.Token).ConfigureAwait(false);
            await socket.SendAsync(_payload, SocketFlags.None, deadline.Token).ConfigureAwait(false);
            var buffer = new byte[65536];
            var read = await socket.ReceiveAsync(buffer, SocketFlags.None, deadline.Token).ConfigureAwait(false);
            return (true, $"reply of {read} bytes");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return _requireReply ? (false, "no reply") : (true, "no ICMP error");
        }
        catch (SocketException e)
        {
            return (false, $"socket error {e.SocketErrorCode}");
        }
    }
}
