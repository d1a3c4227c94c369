using System.Collections.Concurrent;
using System.Net;
using Akka.Actor;
using Akka.TestKit.Xunit2;
using Director.Actors.Balancing;
using Director.Actors.Native;
using Director.Actors.Supervision;
using Director.Actors.Tests.Balancing;
using Director.Actors.Tests.Fakes;
using Director.Core.Balancing;
using Director.Actors.Checks;
using Director.Core.Config.Model;

namespace Director.Actors.Tests.Reload;

/// <summary>
/// A virtual server or a checker that crashes after a reload comes back with the reloaded
/// settings: the restarted virtual server never puts a real server the reload removed back into
/// the kernel, and a restarted checker checks with the reloaded check block.
/// </summary>
public sealed class LbRestartAfterReloadTests : TestKit
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(15);
    private const string VsName = "vs-10.0.0.1:80";

    private readonly ScriptedChecks _checks = new();
    private readonly ConcurrentQueue<(string Ip, HealthChecker Checker)> _builds = new();
    private readonly FakeForwardingBackend _backend = new();
    private readonly IActorRef _lb;
    private int _crashNextPoll;

    public LbRestartAfterReloadTests()
    {
        var nativeIo = Sys.ActorOf(NativeIoActor.Props(new FakeKernelNetwork(), forwarding: _backend), "native-io");
        var services = new LbServices
        {
            NativeIo = nativeIo,
            Checks = Build,
            Scripts = new RecordingScriptRunner(),
            PollInterval = TimeSpan.FromMilliseconds(100),
            HangLimit = TimeSpan.FromMilliseconds(300),
            // ha_suspend polls the VIP from the virtual server actor: a throwing poll crashes it.
            IsLocalAddress = _ => Interlocked.Exchange(ref _crashNextPoll, 0) == 1 ? throw new InvalidOperationException("crash for the test") : true,
        };
        _lb = Sys.ActorOf(LbTopology.Supervisor(Config([20, 21]), services), LbNames.Supervisor);
    }

    private IHealthCheck Build(HealthChecker checker, RealServer rs, VirtualServer vs)
    {
        _builds.Enqueue((rs.Address.Ip.ToString(), checker));
        return _checks.Build(checker, rs, vs);
    }

    private static KeepalivedConfig Config(int[] servers, double connectTimeoutOf21 = 1) => new()
    {
        VirtualServer = new[]
        {
            new VirtualServer
            {
                Address = new IpPortAddress { Ip = IPAddress.Parse("10.0.0.1"), Port = 80 },
                LbAlgo = LbAlgo.Rr,
                DelayLoop = TimeSpan.FromMilliseconds(100),
                HaSuspend = true,
                RealServer = servers.Select(i => new RealServer
                {
                    Address = new RealServerAddress { Ip = IPAddress.Parse($"192.168.1.{i}"), Port = 80 },
                    Checkers = new HealthChecker[]
                    {
                        new TcpCheck
                        {
                            Retry = 0, DelayBeforeRetry = TimeSpan.FromMilliseconds(50), Warmup = TimeSpan.Zero,
                            ConnectTimeout = TimeSpan.FromSeconds(i == 21 ? connectTimeoutOf21 : 1),
                        },
                    }.ToEquatableList(),
                }).ToEquatableList(),
            },
        }.ToEquatableList(),
    };

    private static string Destinations(DesiredTable table) => string.Join(",", table.Services.Values
        .SelectMany(s => s.Destinations).Where(d => d.Weight > 0).Select(d => $"{d.Address.GetAddressBytes()[3]}").Order());

    private int VsRestarts() => _lb.Ask<SupervisorStatus>(GetWatchdogStatus.Instance, Settle).GetAwaiter().GetResult()
        .Children.Single(c => c.Name == VsName).Restarts;

    private VirtualServerStatus VsStatus() => Sys.ActorSelection($"/user/lb/{VsName}").ResolveOne(Settle).GetAwaiter().GetResult()
        .Ask<VirtualServerStatus>(GetVirtualServerStatus.Instance, Settle).GetAwaiter().GetResult();

    [Fact]
    public async Task A_virtual_server_restarted_after_a_reload_starts_from_the_reloaded_real_servers()
    {
        AwaitAssert(() => Assert.Equal("20,21", Destinations(_backend.Table)), Settle, TimeSpan.FromMilliseconds(50));
        await _lb.Ask<LbReconfigured>(new ReconfigureLb(Config([20, 22])), Settle);
        AwaitAssert(() => Assert.Equal("20,22", Destinations(_backend.Table)), Settle, TimeSpan.FromMilliseconds(50));
        var tablesBefore = _backend.History.Count;
        var buildsBefore = _builds.Count;

        Interlocked.Exchange(ref _crashNextPoll, 1);
        AwaitAssert(() => Assert.Equal(1, VsRestarts()), Settle, TimeSpan.FromMilliseconds(100));

        AwaitAssert(() => Assert.Equal(["192.168.1.20:80", "192.168.1.22:80"], VsStatus().Health.Keys.Order()), Settle, TimeSpan.FromMilliseconds(50));
        AwaitAssert(() => Assert.Contains(_builds.Skip(buildsBefore), b => b.Ip == "192.168.1.22"), Settle, TimeSpan.FromMilliseconds(50));
        Thread.Sleep(500);
        Assert.Equal("20,22", Destinations(_backend.Table));
        // Not even for a moment: the new incarnation never asked for the removed real server.
        Assert.All(_backend.History.Skip(tablesBefore), t => Assert.Equal("20,22", Destinations(t)));
        Assert.DoesNotContain(_builds.Skip(buildsBefore), b => b.Ip == "192.168.1.21");
        Assert.Equal(["rs-192.168.1.20:80", "rs-192.168.1.22:80"], VsStatus().Restarts.Keys.Order());
    }

    [Fact]
    public async Task A_checker_restarted_after_a_reload_checks_with_the_reloaded_block()
    {
        AwaitAssert(() => Assert.Equal("20,21", Destinations(_backend.Table)), Settle, TimeSpan.FromMilliseconds(50));
        await _lb.Ask<LbReconfigured>(new ReconfigureLb(Config([20, 21], connectTimeoutOf21: 3)), Settle);
        AwaitAssert(() => Assert.Contains(_builds, b => b.Ip == "192.168.1.21" && Timeout(b.Checker) == TimeSpan.FromSeconds(3)), Settle, TimeSpan.FromMilliseconds(50));
        var buildsBefore = _builds.Count;

        _checks.Set("192.168.1.21", CheckBehaviour.Hang); // hangs once: the virtual server restarts the checker
        AwaitAssert(() => Assert.Equal(1, VsStatus().Restarts["rs-192.168.1.21:80"]), Settle, TimeSpan.FromMilliseconds(50));
        AwaitAssert(() => Assert.Contains(_builds.Skip(buildsBefore), b => b.Ip == "192.168.1.21"), Settle, TimeSpan.FromMilliseconds(50));

        Assert.All(_builds.Skip(buildsBefore).Where(b => b.Ip == "192.168.1.21"), b => Assert.Equal(TimeSpan.FromSeconds(3), Timeout(b.Checker)));
        Assert.Equal(0, VsRestarts());
        Assert.Equal("20,21", Destinations(_backend.Table));
    }

    private static TimeSpan? Timeout(HealthChecker checker) => (checker as TcpCheck)?.ConnectTimeout;
}
