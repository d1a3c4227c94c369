using Director.Actors.Checks;
using Director.Actors.Tests.Checks.Servers;
using Director.Core.Checks;
using Director.Core.Config.Model;

namespace Director.Actors.Tests.Checks;

public class HealthCheckLoopTests
{
    private sealed class ScriptedCheck(Func<int, CheckOutcome> outcome) : IHealthCheck
    {
        private int _runs;

        public int Runs => Volatile.Read(ref _runs);

        public Task<CheckOutcome> RunAsync(CancellationToken cancellationToken)
        {
            var n = Interlocked.Increment(ref _runs);
            return n == 2 ? throw new InvalidOperationException("boom") : Task.FromResult(outcome(n));
        }
    }

    [Fact]
    public async Task Server_that_stops_goes_down_after_retries_and_comes_back()
    {
        var server = new LoopbackTcpServer((_, _) => Task.CompletedTask);
        var port = server.Port;
        var config = new TcpCheck { ConnectTimeout = CheckTestKit.Generous, Retry = 1, DelayBeforeRetry = TimeSpan.FromMilliseconds(50), DelayLoop = TimeSpan.FromMilliseconds(100), Warmup = TimeSpan.Zero };
        var rs = CheckTestKit.RealServer(port);
        var runner = new CheckerRunner(CheckerRunnerSettings.For(config, rs, CheckTestKit.VirtualServer()) with { BootstrapDelay = TimeSpan.Zero });
        var transitions = new System.Collections.Concurrent.ConcurrentQueue<CheckerTransitionKind>();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var loop = HealthCheckLoop.RunAsync(HealthCheckFactory.Create(config, rs, CheckTestKit.VirtualServer()), runner,
            t => transitions.Enqueue(t.Kind), TimeProvider.System, new Random(1), stop.Token);

        await Task.Delay(250);
        Assert.Empty(transitions);
        await server.DisposeAsync();
        await WaitFor(() => transitions.Contains(CheckerTransitionKind.Down), stop.Token);

        // Bring a listener back on the same port (best effort: the port was just released).
        using var again = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
        again.SetSocketOption(System.Net.Sockets.SocketOptionLevel.Socket, System.Net.Sockets.SocketOptionName.ReuseAddress, true);
        again.Bind(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, port));
        again.Listen(16);
        await WaitFor(() => transitions.Contains(CheckerTransitionKind.Up), stop.Token);
        await stop.CancelAsync();
        await loop;
        Assert.Equal(new[] { CheckerTransitionKind.Down, CheckerTransitionKind.Up }, transitions);
    }

    [Fact]
    public async Task A_throwing_check_is_a_failure_and_the_loop_goes_on()
    {
        var check = new ScriptedCheck(_ => CheckOutcome.Success("fine", TimeSpan.Zero));
        var runner = new CheckerRunner(new CheckerRunnerSettings { DelayLoop = TimeSpan.FromMilliseconds(20), DelayBeforeRetry = TimeSpan.FromMilliseconds(20), Retry = 0, BootstrapDelay = TimeSpan.Zero, Warmup = TimeSpan.Zero });
        var kinds = new System.Collections.Concurrent.ConcurrentQueue<CheckerTransitionKind>();
        var logs = new System.Collections.Concurrent.ConcurrentQueue<string>();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var loop = HealthCheckLoop.RunAsync(check, runner, t => kinds.Enqueue(t.Kind), TimeProvider.System, new Random(1), stop.Token, logs.Enqueue);
        await WaitFor(() => check.Runs >= 4, stop.Token);
        await stop.CancelAsync();
        await loop;
        Assert.Equal(new[] { CheckerTransitionKind.Down, CheckerTransitionKind.Up }, kinds.Take(2));
        Assert.Contains(logs, l => l.Contains("InvalidOperationException", StringComparison.Ordinal));
    }

    /// <summary>Ignores its token: its runs end only when the test releases them, with a failure.</summary>
    private sealed class DeafCheck : IHealthCheck
    {
        private readonly TaskCompletionSource<CheckOutcome> _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _runs;

        public int Runs => Volatile.Read(ref _runs);

        public void Release() => _release.TrySetResult(CheckOutcome.Failure("released late", TimeSpan.Zero));

        public Task<CheckOutcome> RunAsync(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _runs);
            return _release.Task;
        }
    }

    [Fact]
    public async Task A_check_that_ignores_cancellation_does_not_keep_its_loop_running()
    {
        var check = new DeafCheck();
        var runner = new CheckerRunner(new CheckerRunnerSettings { DelayLoop = TimeSpan.FromMilliseconds(20), DelayBeforeRetry = TimeSpan.FromMilliseconds(20), Retry = 0, BootstrapDelay = TimeSpan.Zero, Warmup = TimeSpan.Zero });
        var reported = 0;
        var logged = 0;
        using var stop = new CancellationTokenSource();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var loop = HealthCheckLoop.RunAsync(check, runner, _ => Interlocked.Increment(ref reported), TimeProvider.System, new Random(1), stop.Token,
            _ => Interlocked.Increment(ref logged));
        await WaitFor(() => check.Runs == 1, timeout.Token);

        await stop.CancelAsync();
        await loop.WaitAsync(TimeSpan.FromSeconds(2)); // ends although the check in progress never returns
        check.Release();
        await Task.Delay(100);
        Assert.Equal(1, check.Runs);
        Assert.Equal(0, Volatile.Read(ref reported));
        Assert.Equal(0, Volatile.Read(ref logged));
    }

    private static async Task WaitFor(Func<bool> condition, CancellationToken token)
    {
        while (!condition())
            await Task.Delay(20, token);
    }
}
