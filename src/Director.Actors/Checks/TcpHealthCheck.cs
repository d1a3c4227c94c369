using Director.Core.Checks;

namespace Director.Actors.Checks;

/// <summary>TCP_CHECK: success when a TCP connection is established within connect_timeout.</summary>
public sealed class TcpHealthCheck : IHealthCheck
{
    private readonly ConnectionTarget _target;
    private readonly TimeProvider _time;

    public TcpHealthCheck(ConnectionTarget target, TimeProvider time)
    {
        _target = target ?? throw new ArgumentNullException(nameof(target));
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    public async Task<CheckOutcome> RunAsync(CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        var (socket, error) = await SocketFactory.ConnectTcpAsync(_target, _time, cancellationToken).ConfigureAwait(false);
        var latency = _time.GetElapsedTime(started);
        if (socket is null)
            return CheckOutcome.Failure(error!, latency);
        SocketFactory.Abort(socket);
        return CheckOutcome.Success($"connected to {_target.Remote}", latency);
    }
}
