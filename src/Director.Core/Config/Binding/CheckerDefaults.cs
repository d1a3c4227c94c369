using Director.Core.Config.Model;

namespace Director.Core.Config.Binding;

/// <summary>
/// Checker settings given on a virtual or real server, which its checkers inherit unless they
/// set their own (keepalived 2.x). Null: not given at that level.
/// </summary>
internal sealed record CheckerDefaults(
    int? Retry = null,
    TimeSpan? DelayBeforeRetry = null,
    TimeSpan? Warmup = null,
    TimeSpan? ConnectTimeout = null,
    TimeSpan? DelayLoop = null)
{
    /// <summary>The values of <paramref name="inner"/> where given, else these.</summary>
    public CheckerDefaults Under(CheckerDefaults inner) => new(
        inner.Retry ?? Retry,
        inner.DelayBeforeRetry ?? DelayBeforeRetry,
        inner.Warmup ?? Warmup,
        inner.ConnectTimeout ?? ConnectTimeout,
        inner.DelayLoop ?? DelayLoop);

    /// <summary>Adds the handlers of the inheritable keywords, each updating <paramref name="defaults"/>.</summary>
    public static void AddHandlers(BindContext ctx, Dictionary<string, Action<Syntax.ConfigNode>> handlers, Func<CheckerDefaults> get, Action<CheckerDefaults> set, bool withDelayLoop)
    {
        handlers["retry"] = n => set(get() with { Retry = ctx.Int(n, 0, int.MaxValue) ?? get().Retry });
        handlers["delay_before_retry"] = n => set(get() with { DelayBeforeRetry = ctx.Timer(n) ?? get().DelayBeforeRetry });
        handlers["warmup"] = n => set(get() with { Warmup = ctx.Timer(n) ?? get().Warmup });
        handlers["connect_timeout"] = n => set(get() with { ConnectTimeout = ctx.Timer(n) ?? get().ConnectTimeout });
        if (withDelayLoop) handlers["delay_loop"] = n => set(get() with { DelayLoop = ctx.Timer(n) ?? get().DelayLoop });
    }

    public HealthChecker ApplyTo(HealthChecker c)
    {
        if (Retry is { } retry) c = c with { Retry = retry };
        if (DelayBeforeRetry is { } delay) c = c with { DelayBeforeRetry = delay };
        if (Warmup is { } warmup) c = c with { Warmup = warmup };
        if (DelayLoop is { } loop) c = c with { DelayLoop = loop };
        if (ConnectTimeout is { } timeout && c is NetworkChecker n) c = n with { ConnectTimeout = timeout };
        return c;
    }
}
