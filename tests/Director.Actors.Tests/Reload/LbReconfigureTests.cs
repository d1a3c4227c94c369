using System.Net;
using Akka.Actor;
using Akka.TestKit.Xunit2;
using Director.Actors.Balancing;
using Director.Actors.Native;
using Director.Actors.Tests.Balancing;
using Director.Actors.Tests.Fakes;
using Director.Core.Config.Model;

namespace Director.Actors.Tests.Reload;

/// <summary>
/// ReconfigureLb: removed virtual servers leave the kernel table, added ones come, a changed one
/// is updated in place; unchanged real servers keep their checker actors and their known health.
/// </summary>
public sealed class LbReconfigureTests : TestKit
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(10);

    private readonly ScriptedChecks _checks = new();
    private readonly FakeForwardingBackend _backend = new();
    private readonly IActorRef _lb;

    public LbReconfigureTests()
    {
        var nativeIo = Sys.ActorOf(NativeIoActor.Props(new FakeKernelNetwork(), forwarding: _backend), "native-io");
        var services = new LbServices { NativeIo = nativeIo, Checks = _checks.Build, Scripts = new RecordingScriptRunner() };
        _lb = Sys.ActorOf(LbTopology.Supervisor(Config((80, [20, 21]), (443, [21, 22]), (8080, [30])), services), LbNames.Supervisor);
    }

    private static KeepalivedConfig Config(params (int Port, int[] Servers)[] virtualServers) =>
        new() { VirtualServer = virtualServers.Select(v => Vs(v.Port, v.Servers)).ToEquatableList() };

    private static VirtualServer Vs(int port, int[] servers) => new()
    {
        Address = new IpPortAddress { Ip = IPAddress.Parse("10.0.0.1"), Port = port },
        LbAlgo = LbAlgo.Rr,
        DelayLoop = TimeSpan.FromMilliseconds(100),
        RealServer = servers.Select(i => new RealServer
        {
            Address = new RealServerAddress { Ip = IPAddress.Parse($"192.168.1.{i}"), Port = port },
            Checkers = new HealthChecker[]
            {
                new TcpCheck { Retry = 0, DelayBeforeRetry = TimeSpan.FromMilliseconds(50), Warmup = TimeSpan.Zero, ConnectTimeout = TimeSpan.FromSeconds(1) },
            }.ToEquatableList(),
        }).ToEquatableList(),
    };

    /// <summary>Port of each service with its live destinations ("20:80").</summary>
    private string Table() => string.Join(" ", _backend.Table.Services.Values.OrderBy(s => s.Key.Port).Select(s =>
        $"{s.Key.Port}=[{string.Join(",", s.Destinations.Where(d => d.Weight > 0).Select(d => $"{d.Address.GetAddressBytes()[3]}").Order())}]"));

    private IActorRef Checker(int port, int server) =>
        Sys.ActorSelection($"/user/lb/vs-10.0.0.1:{port}/rs-192.168.1.{server}:{port}").ResolveOne(Settle).GetAwaiter().GetResult();

    [Fact]
    public async Task A_virtual_server_removed_and_added_back_at_once_ends_in_the_table_with_a_fresh_actor()
    {
        AwaitAssert(() => Assert.Equal("80=[20,21] 443=[21,22] 8080=[30]", Table()), Settle, TimeSpan.FromMilliseconds(50));
        var before = await Sys.ActorSelection("/user/lb/vs-10.0.0.1:8080").ResolveOne(Settle);

        var removal = _lb.Ask<LbReconfigured>(new ReconfigureLb(Config((80, [20, 21]), (443, [21, 22]))), Settle);
        var addition = _lb.Ask<LbReconfigured>(new ReconfigureLb(Config((80, [20, 21]), (443, [21, 22]), (8080, [30]))), Settle);

        Assert.Equal(["virtual_server vs-10.0.0.1:8080 removed"], (await removal).Changes);
        Assert.Equal(["virtual_server vs-10.0.0.1:8080 added (1 real servers)"], (await addition).Changes);
        AwaitAssert(() => Assert.Equal("80=[20,21] 443=[21,22] 8080=[30]", Table()), Settle, TimeSpan.FromMilliseconds(50));
        Assert.NotEqual(before, await Sys.ActorSelection("/user/lb/vs-10.0.0.1:8080").ResolveOne(Settle));
        Thread.Sleep(300);
        Assert.Equal("80=[20,21] 443=[21,22] 8080=[30]", Table());
    }

    [Fact]
    public async Task A_real_server_removed_and_added_back_at_once_gets_a_fresh_checker_without_a_restart()
    {
        AwaitAssert(() => Assert.Equal("80=[20,21] 443=[21,22] 8080=[30]", Table()), Settle, TimeSpan.FromMilliseconds(50));
        var before = Checker(80, 21);

        var removal = _lb.Ask<LbReconfigured>(new ReconfigureLb(Config((80, [20]), (443, [21, 22]), (8080, [30]))), Settle);
        var addition = _lb.Ask<LbReconfigured>(new ReconfigureLb(Config((80, [20, 21]), (443, [21, 22]), (8080, [30]))), Settle);
        await Task.WhenAll(removal, addition);

        AwaitAssert(() => Assert.NotEqual(before, Checker(80, 21)), Settle, TimeSpan.FromMilliseconds(50));
        AwaitAssert(() => Assert.Equal("80=[20,21] 443=[21,22] 8080=[30]", Table()), Settle, TimeSpan.FromMilliseconds(50));
        var supervision = await _lb.Ask<Director.Actors.Supervision.SupervisorStatus>(Director.Actors.Supervision.GetWatchdogStatus.Instance, Settle);
        Assert.All(supervision.Children, c => Assert.Equal(0, c.Restarts));
    }

    [Fact]
    public async Task Only_the_difference_is_applied_and_unchanged_real_servers_keep_their_checkers_and_health()
    {
        _checks.Set("192.168.1.21", CheckBehaviour.Down);
        AwaitAssert(() => Assert.Equal("80=[20] 443=[22] 8080=[30]", Table()), Settle, TimeSpan.FromMilliseconds(50));
        var kept = new[] { Checker(80, 20), Checker(80, 21), Checker(443, 21), Checker(443, 22) };
        var vs443 = await Sys.ActorSelection("/user/lb/vs-10.0.0.1:443").ResolveOne(Settle);
        var batches = _backend.Batches.Count;

        var reply = await _lb.Ask<LbReconfigured>(new ReconfigureLb(Config((80, [20, 21, 23]), (443, [21, 22]), (9090, [40]))), Settle);

        Assert.Equal(
        [
            "virtual_server vs-10.0.0.1:80 changed (real servers added: 192.168.1.23:80); 2 real servers unchanged",
            "virtual_server vs-10.0.0.1:8080 removed",
            "virtual_server vs-10.0.0.1:9090 added (1 real servers)",
        ], reply.Changes.Order(StringComparer.Ordinal));
        AwaitAssert(() => Assert.Equal("80=[20,23] 443=[22] 9090=[40]", Table()), Settle, TimeSpan.FromMilliseconds(50));
        Assert.Equal(kept, new[] { Checker(80, 20), Checker(80, 21), Checker(443, 21), Checker(443, 22) });
        Assert.Equal(vs443, await Sys.ActorSelection("/user/lb/vs-10.0.0.1:443").ResolveOne(Settle));
        Assert.True(_backend.Batches.Count - batches <= 3, $"{_backend.Batches.Count - batches} kernel batches for three changes");
        Assert.DoesNotContain(_backend.Batches.Skip(batches).SelectMany(b => b), c => c.ToString()!.Contains(":443", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_same_configuration_again_changes_nothing()
    {
        AwaitAssert(() => Assert.Equal("80=[20,21] 443=[21,22] 8080=[30]", Table()), Settle, TimeSpan.FromMilliseconds(50));
        var batches = _backend.Batches.Count;

        var reply = await _lb.Ask<LbReconfigured>(new ReconfigureLb(Config((80, [20, 21]), (443, [21, 22]), (8080, [30]))), Settle);

        Assert.Empty(reply.Changes);
        await Task.Delay(500);
        Assert.Equal(batches, _backend.Batches.Count);
    }
}
