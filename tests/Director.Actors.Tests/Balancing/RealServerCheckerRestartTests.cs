using System.Net;
using Akka.Actor;
using Akka.TestKit.Xunit2;
using Director.Actors.Balancing;
using Director.Actors.Checks;
using Director.Core.Balancing;
using Director.Core.Checks;
using Director.Core.Config.Model;

namespace Director.Actors.Tests.Balancing;

/// <summary>A restarted checker never leaves its old check loop behind, even when the old check ignores cancellation.</summary>
public class RealServerCheckerRestartTests : TestKit
{
    /// <summary>First build: up once, then hangs ignoring its token until released (with a failure). Later builds: always up.</summary>
    private sealed class HangOnceChecks
    {
        public readonly TaskCompletionSource<CheckOutcome> Release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public int Built;
        public int Hung;

        public IHealthCheck Build(HealthChecker checker, RealServer rs, VirtualServer vs) =>
            Interlocked.Increment(ref Built) == 1 ? new Deaf(this) : new AlwaysUp();

        private sealed class Deaf(HangOnceChecks owner) : IHealthCheck
        {
            private int _runs;

            public Task<CheckOutcome> RunAsync(CancellationToken cancellationToken)
            {
                if (Interlocked.Increment(ref _runs) == 1)
                    return Task.FromResult(CheckOutcome.Success("up", TimeSpan.Zero));
                Interlocked.Exchange(ref owner.Hung, 1);
                return owner.Release.Task;
            }
        }

        private sealed class AlwaysUp : IHealthCheck
        {
            public Task<CheckOutcome> RunAsync(CancellationToken cancellationToken) => Task.FromResult(CheckOutcome.Success("up", TimeSpan.Zero));
        }
    }

    /// <summary>Stands for the virtual server: restarts the checker when it throws, starts it from "up", forwards its reports.</summary>
    private sealed class Parent : ReceiveActor
    {
        public Parent(Props child, IActorRef probe)
        {
            Receive<RealServerCheckerStarted>(_ => Sender.Tell(new StartChecks(RealServerHealth.Up)));
            Receive<RealServerHealthReport>(r => probe.Tell(r));
            Context.ActorOf(child, "rs");
        }

        protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(_ => Directive.Restart);
    }

    [Fact]
    public void A_hung_check_released_after_the_restart_reports_nothing()
    {
        var checks = new HangOnceChecks();
        var rs = new RealServer
        {
            Address = new RealServerAddress { Ip = IPAddress.Parse("192.168.1.20"), Port = 80 },
            Checkers = new HealthChecker[] { new TcpCheck { Retry = 0, DelayLoop = TimeSpan.FromMilliseconds(50), Warmup = TimeSpan.Zero } }.ToEquatableList(),
        };
        var vs = new VirtualServer { DelayLoop = TimeSpan.FromMilliseconds(50) };
        var services = new LbServices
        {
            NativeIo = ActorRefs.Nobody,
            Checks = checks.Build,
            PollInterval = TimeSpan.FromMilliseconds(50),
            HangLimit = TimeSpan.FromMilliseconds(300),
        };
        var probe = CreateTestProbe();
        Sys.ActorOf(Props.Create(() => new Parent(RealServerCheckerActor.Props(rs, vs, services), probe.Ref)), "vs");

        // bootstrap delay (1 s) + first run + the hang limit, then a restart builds the second check
        AwaitCondition(() => Volatile.Read(ref checks.Built) >= 2, TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(50));
        Assert.Equal(1, Volatile.Read(ref checks.Hung));

        // The old check finally ends with a failure: its loop must be gone, so no "down" reaches the parent.
        checks.Release.SetResult(CheckOutcome.Failure("released after the restart", TimeSpan.Zero));
        probe.ExpectNoMsg(TimeSpan.FromMilliseconds(700));
    }
}
