using Director.Core.Checks;

namespace Director.Actors.Checks;

/// <summary>
/// SMTP_CHECK, keepalived's dialogue: connect, read the greeting (status 220), send
/// <c>HELO helo_name</c>, read status 250, send <c>QUIT</c>, read one more line. Every read and
/// write is limited by connect_timeout.
/// </summary>
public sealed class SmtpHealthCheck : IHealthCheck
{
    private readonly ConnectionTarget _target;
    private readonly string _heloName;
    private readonly TimeProvider _time;

    public SmtpHealthCheck(ConnectionTarget target, string heloName, TimeProvider time)
    {
        _target = target ?? throw new ArgumentNullException(nameof(target));
        _heloName = heloName ?? throw new ArgumentNullException(nameof(heloName));
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    public async Task<CheckOutcome> RunAsync(CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        var failure = await DialogueAsync(cancellationToken).ConfigureAwait(false);
        var latency = _time.GetElapsedTime(started);
        return failure is null
            ? CheckOutcome.Success($"SMTP server {_target.Remote} answered", latency)
            : CheckOutcome.Failure($"{failure} ({_target.Remote})", latency);
    }

    private async Task<string?> DialogueAsync(CancellationToken cancellationToken)
    {
        var (socket, error) = await SocketFactory.ConnectTcpAsync(_target, _time, cancellationToken).ConfigureAwait(false);
        if (socket is null)
            return error;
        using var owned = socket;
        var io = new LineReader(socket, _target.Timeout, _time);

        var (banner, readError) = await io.ReadLineAsync(cancellationToken).ConfigureAwait(false);
        if (banner is null)
            return readError;
        if (SmtpReply.Status(banner) != 220)
            return $"bad greeting banner '{banner.TrimEnd('\r')}'";

        if (await io.WriteAsync(SmtpReply.Helo(_heloName), cancellationToken).ConfigureAwait(false) is { } writeError)
            return writeError;
        var (helo, heloError) = await io.ReadLineAsync(cancellationToken).ConfigureAwait(false);
        if (helo is null)
            return heloError;
        if (SmtpReply.Status(helo) != 250)
            return $"bad HELO response '{helo.TrimEnd('\r')}'";

        if (await io.WriteAsync(SmtpReply.Quit, cancellationToken).ConfigureAwait(false) is { } quitError)
            return quitError;
        var (_, byeError) = await io.ReadLineAsync(cancellationToken).ConfigureAwait(false);
        return byeError;
    }
}
