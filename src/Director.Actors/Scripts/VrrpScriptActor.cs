using Akka.Actor;
using Akka.Event;
using Director.Core.Scripts;

namespace Director.Actors.Scripts;

/// <summary>
/// <c>script-NAME</c>: runs a vrrp_script every interval (never two runs at once: the next run is
/// scheduled when the previous one ends), feeds the result to a <see cref="ScriptHealthCounter"/>
/// and tells subscribers <see cref="ScriptStateChanged"/> on transitions only.
/// </summary>
public sealed class VrrpScriptActor : ReceiveActor, IWithTimers
{
    public static string ActorName(string scriptName) => $"script-{scriptName}";

    private const string TickKey = "run";

    private readonly VrrpScriptSettings _settings;
    private readonly IScriptRunner _runner;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly HashSet<IActorRef> _subscribers = [];
    private ScriptHealthCounter _counter;
    private long _runs;
    private ScriptRunResult? _lastRun;
    private readonly CancellationTokenSource _stopping = new();

    public ITimerScheduler Timers { get; set; } = null!;

    public VrrpScriptActor(VrrpScriptSettings settings, IScriptRunner runner)
    {
        _settings = settings;
        _runner = runner;
        _counter = ScriptHealthCounter.Start(settings.Rise, settings.Fall, settings.InitFail);

        Receive<SubscribeScript>(m => Subscribe(m.Subscriber));
        Receive<UnsubscribeScript>(m =>
        {
            _subscribers.Remove(m.Subscriber);
            Context.Unwatch(m.Subscriber);
        });
        Receive<Terminated>(t => _subscribers.Remove(t.ActorRef));
        Receive<GetScriptStatus>(_ => Sender.Tell(new ScriptStatusReport(_settings.Name, _counter.Status, _counter.Result, _runs, _lastRun)));
        Receive<RunNow>(_ => Run());
        Receive<RunFinished>(OnFinished);
    }

    public static Props Props(VrrpScriptSettings settings, IScriptRunner runner) =>
        Akka.Actor.Props.Create(() => new VrrpScriptActor(settings, runner));

    // keepalived runs a script once at start, then every interval after each run ends.
    protected override void PreStart() => Run();

    protected override void PostStop()
    {
        _stopping.Cancel();
        _stopping.Dispose();
    }

    private void Subscribe(IActorRef subscriber)
    {
        if (!_subscribers.Add(subscriber))
            return;
        Context.Watch(subscriber);
        if (_counter.Status != ScriptStatus.Unknown)
            subscriber.Tell(StateMessage());
    }

    private void Run()
    {
        var invocation = new ScriptInvocation(_settings.Command, _settings.Timeout, _settings.RunAs);
        _runner.RunAsync(invocation, _stopping.Token).PipeTo(Self,
            success: r => new RunFinished(r),
            failure: e => new RunFinished(new ScriptRunResult(ScriptOutcome.FailedToStart, -1, TimeSpan.Zero, e.Message)));
    }

    private void OnFinished(RunFinished finished)
    {
        var result = finished.Result;
        _runs++;
        if (result.Outcome != ScriptOutcome.Exited || _lastRun?.ExitCode != result.ExitCode || _lastRun?.Outcome != result.Outcome)
            LogRunChange(result);
        _lastRun = result;

        var (next, changed) = _counter.Record(result.Success);
        _counter = next;
        if (changed)
        {
            _log.Info("VRRP_Script({Script}) {Status}", _settings.Name, _counter.Status == ScriptStatus.Ok ? "succeeded" : "failed");
            var message = StateMessage();
            foreach (var s in _subscribers)
                s.Tell(message);
        }
        Timers.StartSingleTimer(TickKey, RunNow.Instance, _settings.Interval);
    }

    private void LogRunChange(ScriptRunResult result)
    {
        switch (result.Outcome)
        {
            case ScriptOutcome.TimedOut:
                _log.Warning("Script {Script} timed out after {TimeoutMs} ms and was killed", _settings.Name, _settings.Timeout.TotalMilliseconds);
                break;
            case ScriptOutcome.FailedToStart:
                _log.Warning("Script {Script} could not run {Program}: {Error}", _settings.Name, _settings.Command.Program, result.Error);
                break;
            default:
                _log.Info("Script {Script} now returning {ExitCode}", _settings.Name, result.ExitCode);
                break;
        }
    }

    private ScriptStateChanged StateMessage()
    {
        var ok = _counter.Status == ScriptStatus.Ok;
        return new ScriptStateChanged(_settings.Name, ok, TrackedScriptWeight.Delta(_settings.Weight, _settings.WeightReverse, ok));
    }

    private sealed record RunNow
    {
        public static readonly RunNow Instance = new();
    }

    private sealed record RunFinished(ScriptRunResult Result);
}
