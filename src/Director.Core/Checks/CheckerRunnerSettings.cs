using Director.Core.Config.Model;

namespace Director.Core.Checks;

/// <summary>
/// Timing and retry options of one checker, resolved the way keepalived resolves them.
/// <see cref="RetryWhileDown"/>: TCP_CHECK and SMTP_CHECK go on using delay_before_retry while
/// the server is down; the other checkers go back to delay_loop at once.
/// <see cref="ScheduleFromStart"/>: MISC_CHECK counts the next delay from the start of the run.
/// </summary>
public sealed record CheckerRunnerSettings
{
    /// <summary>keepalived starts every checker BOOTSTRAP_DELAY (1 s) plus a random part of warmup after start-up.</summary>
    public static readonly TimeSpan KeepalivedBootstrapDelay = TimeSpan.FromSeconds(1);

    /// <summary>FILE_CHECK has no delay_loop in keepalived (it follows inotify); director re-reads the file this often.</summary>
    public static readonly TimeSpan FileCheckPollInterval = TimeSpan.FromSeconds(1);

    public TimeSpan DelayLoop { get; init; } = TimeSpan.FromSeconds(60);

    public TimeSpan DelayBeforeRetry { get; init; } = TimeSpan.FromSeconds(1);

    public int Retry { get; init; } = 1;

    /// <summary>Upper bound of the random delay before the first check.</summary>
    public TimeSpan Warmup { get; init; }

    public TimeSpan BootstrapDelay { get; init; } = KeepalivedBootstrapDelay;

    public bool Alpha { get; init; }

    public bool LogAllFailures { get; init; }

    public bool RetryWhileDown { get; init; }

    public bool ScheduleFromStart { get; init; }

    /// <summary>The real server's configured weight: misc_dynamic weights are compared to it first.</summary>
    public int InitialWeight { get; init; } = 1;

    /// <summary>
    /// Settings for <paramref name="checker"/> of <paramref name="realServer"/> in <paramref name="virtualServer"/>:
    /// delay_loop falls back to the virtual server's, warmup to delay_loop (keepalived's default),
    /// delay_before_retry to the kind's default (<see cref="DefaultDelayBeforeRetry"/>), alpha comes
    /// from the virtual server; failures are all logged when the checker or global_defs asks.
    /// </summary>
    public static CheckerRunnerSettings For(HealthChecker checker, RealServer realServer, VirtualServer virtualServer, bool logAllFailures = false)
    {
        ArgumentNullException.ThrowIfNull(checker);
        ArgumentNullException.ThrowIfNull(realServer);
        ArgumentNullException.ThrowIfNull(virtualServer);
        if (checker is FileCheck)
        {
            return new CheckerRunnerSettings
            {
                DelayLoop = FileCheckPollInterval,
                DelayBeforeRetry = FileCheckPollInterval,
                Retry = 0,
                Warmup = TimeSpan.Zero,
                BootstrapDelay = TimeSpan.Zero,
                Alpha = false,
                LogAllFailures = logAllFailures || checker.LogAllFailures,
                InitialWeight = realServer.Weight,
            };
        }

        var loop = checker.DelayLoop ?? virtualServer.DelayLoop;
        return new CheckerRunnerSettings
        {
            DelayLoop = loop,
            DelayBeforeRetry = checker.DelayBeforeRetry ?? DefaultDelayBeforeRetry(checker, loop),
            Retry = Math.Max(0, checker.Retry),
            Warmup = checker.Warmup ?? loop,
            Alpha = virtualServer.Alpha,
            LogAllFailures = logAllFailures || checker.LogAllFailures,
            RetryWhileDown = checker is TcpCheck or SmtpCheck,
            ScheduleFromStart = checker is MiscCheck,
            InitialWeight = realServer.Weight,
        };
    }

    /// <summary>keepalived 2.2: HTTP_GET and SSL_GET 3 s, DNS_CHECK none (its delay_loop), the others 1 s.</summary>
    public static TimeSpan DefaultDelayBeforeRetry(HealthChecker checker, TimeSpan delayLoop) => checker switch
    {
        HttpCheckerBase => TimeSpan.FromSeconds(3),
        DnsCheck => delayLoop,
        _ => TimeSpan.FromSeconds(1),
    };
}
