using System.Net.Sockets;
using Director.Core.Checks;

namespace Director.Actors.Checks;

/// <summary>
/// DNS_CHECK: one UDP query (type, name; recursion desired; random id) and a wait of
/// connect_timeout for a response with the same id and RCODE NOERROR (<see cref="DnsQuery"/>).
/// An ICMP port unreachable ends the wait as a failure.
/// </summary>
public sealed class DnsHealthCheck : IHealthCheck
{
    private readonly ConnectionTarget _target;
    private readonly string _name;
    private readonly string _type;
    private readonly TimeProvider _time;
    private readonly Random _random;

    public DnsHealthCheck(ConnectionTarget target, string name, string type, TimeProvider time, Random random)
    {
        _target = target ?? throw new ArgumentNullException(nameof(target));
        _name = name ?? throw new ArgumentNullException(nameof(name));
        _type = type ?? throw new ArgumentNullException(nameof(type));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _random = random ?? throw new ArgumentNullException(nameof(random));
        if (!DnsQuery.TryGetType(type, out _))
            throw new ArgumentException($"unknown DNS type '{type}'", nameof(type));
    }

    public async Task<CheckOutcome> RunAsync(CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        var failure = await QueryAsync(cancellationToken).ConfigureAwait(false);
        var latency = _time.GetElapsedTime(started);
        return failure is null
            ? CheckOutcome.Success($"DNS {_type} {_name} answered by {_target.Remote}", latency)
            : CheckOutcome.Failure($"DNS {_type} {_name} to {_target.Remote}: {failure}", latency);
    }

    private async Task<string?> QueryAsync(CancellationToken cancellationToken)
    {
        var id = (ushort)_random.Next(0, 0x10000);
        var query = DnsQuery.Encode(id, _name, _type);
        using var socket = SocketFactory.Create(_target, SocketType.Dgram, ProtocolType.Udp);
        using var deadline = Deadline.Start(_target.Timeout, _time, cancellationToken);
        var buffer = new byte[4096];
        try
        {
            await socket.ConnectAsync(_target.Remote, deadline.Token).ConfigureAwait(false);
            await socket.SendAsync(query, SocketFlags.None, deadline.Token).ConfigureAwait(false);
            for (var replies = 0; replies < 1000; replies++)
            {
                var read = await socket.ReceiveAsync(buffer, SocketFlags.None, deadline.Token).ConfigureAwait(false);
                switch (DnsQuery.Judge(buffer.AsSpan(0, read), id, out var rcode))
                {
                    case DnsQuery.ReplyVerdict.Success:
                        return null;
                    case DnsQuery.ReplyVerdict.Failure:
                        return $"error reply (rcode {rcode})";
                }
            }
            return "too many unrelated datagrams";
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return "read timeout";
        }
        catch (SocketException e)
        {
            return $"socket error {e.SocketErrorCode}";
        }
    }
}
