using Akka.Actor;
using Akka.Event;
using Director.Core.Balancing;
using Director.Core.Checks;
using Director.Core.Config.Model;
using Director.Native.Sockets;

namespace Director.Actors.Balancing;

/// <summary>
/// <c>rs-IP:PORT</c>: runs the checkers of one real server, each as an async loop (no thread per
/// check), and tells its virtual server only when the real server's health changes (up when every
/// checker is up; weight from misc_dynamic or FILE_CHECK). On (re)start it asks its parent for the
/// last known health and starts from it, so that a restart never flaps the server. A check that
/// hangs past its limit, or a loop that fails, makes this actor throw so that its supervisor
/// restarts it (counted and logged there).
/// </summary>
public sealed class RealServerCheckerActor : ReceiveActor
{
    private readonly RealServer _rs;
    private readonly VirtualServer _vs;
    private readonly LbServices _services;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    // Generations are unique across restarts: the loops of a restarted instance report to the same
    // ActorRef, and a report of theirs must never pass for one of the new instance.
    private static int s_lastGeneration;

    private readonly List<Running> _running = [];
    private CancellationTokenSource? _cancel;
    private int _generation;
    private RealServerHealth _reported = RealServerHealth.Up;

    public RealServerCheckerActor(RealServer rs, VirtualServer vs, LbServices services)
    {
        _rs = rs;
        _vs = vs;
        _services = services;
        Receive<StartChecks>(m => Start(m.Known));
        Receive<SuspendChecks>(_ => StopChecks());
        Receive<CheckerReported>(OnReported);
        Receive<LoopFailed>(m =>
        {
            if (m.Generation == _generation)
                throw new CheckerFailedException($"check loop of {_rs.Address.Ip}:{_rs.Address.Port} failed", m.Error);
        });
        Receive<HangTick>(_ => LookForHungChecks());
    }

    public static Props Props(RealServer rs, VirtualServer vs, LbServices services) =>
        Akka.Actor.Props.Create(() => new RealServerCheckerActor(rs, vs, services));

    protected override void PreStart() => Context.Parent.Tell(new RealServerCheckerStarted(_rs.Address));

    protected override void PostStop() => StopChecks();

    private void Start(RealServerHealth known)
    {
        StopChecks();
        _reported = known;
        if (_rs.Checkers.Count == 0) return; // keepalived: a real server without checkers is always up
        _cancel = new CancellationTokenSource();
        var generation = _generation = Interlocked.Increment(ref s_lastGeneration);
        var self = Self;
        var log = _log;
        var name = $"{_rs.Address.Ip}:{_rs.Address.Port}";
        for (var i = 0; i < _rs.Checkers.Count; i++)
        {
            var config = _rs.Checkers[i];
            var settings = CheckerRunnerSettings.For(config, _rs, _vs, _services.LogAllFailures) with
            {
                Alpha = !known.IsUp,
                InitialWeight = known.Weight ?? _rs.Weight,
            };
            var runner = new CheckerRunner(settings);
            var check = new ObservedHealthCheck(_services.Checks(config, _rs, _vs),
                ObservedHealthCheck.RecordInto(State.HealthCheckStatistics.For(Context.System).CountersOf(Context.Parent.Path.Name, name, config.GetType().Name)));
            var running = new Running(check, runner, _services.HangLimitOf(config, _vs), known.IsUp, known.Weight, 0);
            _running.Add(running);
            var index = i;
            var token = _cancel.Token;
            var kind = config.GetType().Name;
            Task.Run(() => Checks.HealthCheckLoop.RunAsync(
                    check, runner,
                    t => self.Tell(new CheckerReported(generation, index, t)),
                    _services.Time, _services.Random, token,
                    line => log.Info("{0} of {1}: {2}", kind, name, line)), token)
                .ContinueWith(
                    t => self.Tell(new LoopFailed(generation, t.Exception!.GetBaseException())),
                    CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }

        // Looking every half hang limit finds a hung check within 1.5 limits; with 10,000 real
        // servers a look every PollInterval would cost 10,000 scheduled messages per second.
        // The ticks come from the check reactor, not the Akka scheduler: thousands of checkers starting
        // at once would all block in the scheduler's first start-up and starve the thread pool.
        var hangPoll = TimeSpan.FromTicks(Math.Max(_services.PollInterval.Ticks, _running.Min(r => r.HangLimit).Ticks / 2));
        _ = TickForHangsAsync(Self, hangPoll, _cancel.Token);
    }

    private static async Task TickForHangsAsync(IActorRef self, TimeSpan interval, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await CheckReactor.Shared.DelayAsync(interval, inline: true, cancellationToken).ConfigureAwait(false);
                self.Tell(HangTick.Instance, self);
            }
        }
        catch (OperationCanceledException)
        {
            // checks stopped
        }
    }

    private void StopChecks()
    {
        _generation = Interlocked.Increment(ref s_lastGeneration);
        _cancel?.Cancel();
        _cancel?.Dispose();
        _cancel = null;
        _running.Clear();
    }

    private void OnReported(CheckerReported m)
    {
        if (m.Generation != _generation || m.Index >= _running.Count) return;
        var r = _running[m.Index];
        _running[m.Index] = m.Transition.Kind switch
        {
            CheckerTransitionKind.Up => r with { Up = true },
            CheckerTransitionKind.Down => r with { Up = false },
            _ => r with { Weight = m.Transition.Weight ?? r.Weight, WeightDelta = m.Transition.WeightDelta ?? r.WeightDelta },
        };
        var health = Aggregate();
        if (health == _reported) return;
        _reported = health;
        Context.Parent.Tell(new RealServerHealthReport(_rs.Address, health));
    }

    private RealServerHealth Aggregate()
    {
        var up = _running.All(r => r.Up);
        var absolute = _running.Select(r => r.Weight).LastOrDefault(w => w is not null);
        var delta = _running.Sum(r => r.WeightDelta);
        int? weight = absolute is null && delta == 0 ? null : Math.Max(0, (absolute ?? _rs.Weight) + delta);
        return new RealServerHealth(up, weight);
    }

    private void LookForHungChecks()
    {
        foreach (var r in _running)
        {
            if (r.Check.Running is { } running && running > r.HangLimit)
                throw new CheckerFailedException(
                    $"a check of {_rs.Address.Ip}:{_rs.Address.Port} has been running for {running.TotalSeconds:0.#} s (limit {r.HangLimit.TotalSeconds:0.#} s)");
        }
    }

    private sealed record Running(ObservedHealthCheck Check, CheckerRunner Runner, TimeSpan HangLimit, bool Up, int? Weight, int WeightDelta);

    private sealed record CheckerReported(int Generation, int Index, CheckerTransition Transition);

    private sealed record LoopFailed(int Generation, Exception Error);

    private sealed record HangTick
    {
        public static readonly HangTick Instance = new();
    }
}
