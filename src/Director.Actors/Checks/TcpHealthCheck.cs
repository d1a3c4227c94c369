using Director.Core.Checks;
using Director.Native.Sockets;

namespace Director.Actors.Checks;

/// <summary>
/// TCP_CHECK: success when a TCP connection is established within connect_timeout; the connection
/// is then closed (with RST). With the system clock the probe is a raw non-blocking socket run by
/// the shared <see cref="CheckReactor"/>; with an injected clock, a Socket timed by that clock.
/// </summary>
public sealed class TcpHealthCheck : IHealthCheck
{
    private readonly ConnectionTarget _target;
    private readonly TimeProvider _time;
    private readonly CheckReactor? _reactor;
    private readonly string _connected;

    public TcpHealthCheck(ConnectionTarget target, TimeProvider time)
        : this(target, time, ReferenceEquals(time, TimeProvider.System) ? CheckReactor.Shared : null)
    {
    }

    /// <summary>With <paramref name="reactor"/> null, probes with a Socket timed by <paramref name="time"/>.</summary>
    public TcpHealthCheck(ConnectionTarget target, TimeProvider time, CheckReactor? reactor)
    {
        _target = target ?? throw new ArgumentNullException(nameof(target));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _reactor = reactor;
        _connected = $"connected to {target.Remote}";
    }

    public bool StartsWithoutBlocking => _reactor is not null;

    public Task<CheckOutcome> RunAsync(CancellationToken cancellationToken) =>
        _reactor is null ? RunWithSocketAsync(cancellationToken) : RunWithReactorAsync(_reactor, cancellationToken);

    private async Task<CheckOutcome> RunWithReactorAsync(CheckReactor reactor, CancellationToken cancellationToken)
    {
        var result = await reactor.ProbeTcpAsync(_target.Remote, _target.Local, _target.Timeout, cancellationToken).ConfigureAwait(false);
        return result.Status switch
        {
            TcpProbeStatus.Connected => CheckOutcome.Success(_connected, result.Latency),
            TcpProbeStatus.TimedOut => CheckOutcome.Failure($"connection to {_target.Remote} timed out", result.Latency),
            TcpProbeStatus.BindFailed => CheckOutcome.Failure($"bind to {_target.Local} failed: {ErrnoNames.Describe(result.Errno)}", result.Latency),
            _ => CheckOutcome.Failure($"connection to {_target.Remote} failed: {ErrnoNames.Describe(result.Errno)}", result.Latency),
        };
    }

    private async Task<CheckOutcome> RunWithSocketAsync(CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        var (socket, error) = await SocketFactory.ConnectTcpAsync(_target, _time, cancellationToken).ConfigureAwait(false);
        var latency = _time.GetElapsedTime(started);
        if (socket is null)
            return CheckOutcome.Failure(error!, latency);
        SocketFactory.Abort(socket);
        return CheckOutcome.Success(_connected, latency);
    }
}
