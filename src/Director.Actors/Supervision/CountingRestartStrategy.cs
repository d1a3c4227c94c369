using Akka.Actor;
using Akka.Event;

namespace Director.Actors.Supervision;

/// <summary>
/// One-for-one supervision that restarts a failed child, counts it in a <see cref="RestartLedger"/>
/// and logs the child's name and the exception; past the policy's limit it stops or escalates.
/// The strategy runs on the supervisor's own thread, so the ledger needs no locking.
/// </summary>
internal sealed class CountingRestartStrategy : OneForOneStrategy
{
    private readonly RestartLedger _ledger;
    private readonly Func<DateTimeOffset> _now;
    private readonly ILoggingAdapter _log;
    private readonly Action<string, Exception> _onFailure;

    public CountingRestartStrategy(RestartLedger ledger, Func<DateTimeOffset> now, ILoggingAdapter log, Action<string, Exception> onFailure)
        : base(-1, -1, Akka.Actor.Decider.From(Directive.Restart), loggingEnabled: false)
    {
        _ledger = ledger;
        _now = now;
        _log = log;
        _onFailure = onFailure;
    }

    protected override Directive Handle(IActorRef child, Exception exception)
    {
        var name = child.Path.Name;
        _onFailure(name, exception);
        if (exception is ActorInitializationException or DeathPactException)
        {
            _log.Error(exception, "Child {Child} cannot start or lost a watched actor; stopping it", name);
            return Directive.Stop;
        }
        if (_ledger.RecordFailure(name, _now()))
        {
            _log.Warning(exception, "Child {Child} failed ({ExceptionType}: {Reason}); restart {Restarts}",
                name, exception.GetType().Name, exception.Message, _ledger.Restarts(name));
            return Directive.Restart;
        }

        var policy = _ledger.Policy;
        _log.Error(exception, "Child {Child} failed {Failures} times within {Window}; {Action}",
            name, _ledger.RecentFailures(name), policy.Window, policy.OnLimit == RestartLimitAction.Stop ? "stopping it" : "escalating");
        return policy.OnLimit == RestartLimitAction.Stop ? Directive.Stop : Directive.Escalate;
    }
}
