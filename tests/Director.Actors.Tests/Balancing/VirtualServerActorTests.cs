using System.Net;
using Akka.Actor;
using Akka.TestKit.Xunit2;
using Director.Actors.Balancing;
using Director.Actors.Native;
using Director.Actors.Tests.Fakes;
using Director.Core.Balancing;
using Director.Core.Config.Model;

namespace Director.Actors.Tests.Balancing;

public class VirtualServerActorTests : TestKit
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(10);
    private static readonly IPAddress Vip = IPAddress.Parse("10.0.0.1");
    private static readonly RealServerAddress Sorry = Rs(99);

    private readonly FakeForwardingBackend _backend;
    private readonly ScriptedChecks _checks = new();
    private readonly RecordingScriptRunner _scripts = new();
    private readonly IActorRef _nativeIo;

    public VirtualServerActorTests()
        : this(new FakeForwardingBackend())
    {
    }

    private VirtualServerActorTests(FakeForwardingBackend backend)
    {
        _backend = backend;
        _nativeIo = Sys.ActorOf(NativeIoActor.Props(new FakeKernelNetwork(), forwarding: backend), "native-io");
    }

    private static RealServerAddress Rs(int last) => new() { Ip = IPAddress.Parse($"192.168.1.{last}"), Port = 80 };

    private static VirtualServer Vs(long quorum = 1, long hysteresis = 0, bool sorry = false, bool inhibit = false) => new()
    {
        Address = new IpPortAddress { Ip = Vip, Port = 80 },
        LbAlgo = LbAlgo.Rr,
        DelayLoop = TimeSpan.FromMilliseconds(100),
        Quorum = quorum,
        Hysteresis = hysteresis,
        SorryServer = sorry ? Sorry : null,
        InhibitOnFailure = inhibit,
        QuorumUp = "/bin/quorum-up",
        QuorumDown = "/bin/quorum-down",
        RealServer = Enumerable.Range(20, 4).Select(i => new RealServer
        {
            Address = Rs(i),
            NotifyDown = $"/bin/down {i}",
            Checkers = new HealthChecker[]
            {
                new TcpCheck { Retry = 0, DelayBeforeRetry = TimeSpan.FromMilliseconds(50), Warmup = TimeSpan.Zero, ConnectTimeout = TimeSpan.FromSeconds(1) },
            }.ToEquatableList(),
        }).ToEquatableList(),
    };

    private volatile bool _vipHere = true;

    private IActorRef StartVs(VirtualServer vs, TimeSpan? hangLimit = null)
    {
        var config = new KeepalivedConfig { VirtualServer = new[] { vs } };
        var services = new LbServices
        {
            NativeIo = _nativeIo,
            Checks = _checks.Build,
            Scripts = _scripts,
            PollInterval = TimeSpan.FromMilliseconds(100),
            HangLimit = hangLimit,
            IsLocalAddress = a => a.Equals(Vip) && _vipHere,
        };
        return Sys.ActorOf(LbTopology.Supervisor(config, services), LbNames.Supervisor);
    }

    private IReadOnlyList<(string Address, int Weight)> Kernel() =>
        _backend.Table.Services.Values.SelectMany(s => s.Destinations).Select(d => (d.Address.ToString(), d.Weight)).OrderBy(d => d.Item1).ToList();

    private void AwaitKernel(params (string Address, int Weight)[] expected) =>
        AwaitAssert(() => Assert.Equal(expected.OrderBy(e => e.Address).ToList(), Kernel()), Settle, TimeSpan.FromMilliseconds(50));

    private static (string, int)[] Up(params int[] lasts) => lasts.Select(l => ($"192.168.1.{l}", 1)).ToArray();

    private VirtualServerStatus Status() =>
        Sys.ActorSelection($"/user/{LbNames.Supervisor}/vs-10.0.0.1:80").Ask<VirtualServerStatus>(GetVirtualServerStatus.Instance, Settle).GetAwaiter().GetResult();

    private IEnumerable<string> ScriptsRun() => _scripts.Invocations.Select(i => i.Command.ToString());

    [Fact]
    public void Every_real_server_is_put_in_and_a_failing_one_leaves_then_returns()
    {
        var transitions = CreateTestProbe();
        Sys.EventStream.Subscribe(transitions, typeof(RealServerTransitioned));
        StartVs(Vs());
        AwaitKernel(Up(20, 21, 22, 23));
        _checks.Set("192.168.1.21", CheckBehaviour.Down);
        AwaitKernel(Up(20, 22, 23));
        var down = transitions.FishForMessage<RealServerTransitioned>(t => t.RealServer == "192.168.1.21:80", Settle);
        Assert.Equal(("vs-10.0.0.1:80", true, false), (down.VirtualServer, down.WasUp, down.IsUp));
        AwaitAssert(() => Assert.Contains("/bin/down 21", ScriptsRun()), Settle);
        _checks.Set("192.168.1.21", CheckBehaviour.Up);
        AwaitKernel(Up(20, 21, 22, 23));
    }

    [Fact]
    public void Quorum_is_lost_and_regained_with_hysteresis_and_the_sorry_server_goes_in_and_out()
    {
        // quorum 3, hysteresis 1: lost below 2 live, regained at 4.
        StartVs(Vs(quorum: 3, hysteresis: 1, sorry: true));
        AwaitKernel(Up(20, 21, 22, 23));

        _checks.Set("192.168.1.20", CheckBehaviour.Down);
        _checks.Set("192.168.1.21", CheckBehaviour.Down);
        AwaitKernel(Up(22, 23));
        Assert.True(Status().QuorumUp);

        _checks.Set("192.168.1.22", CheckBehaviour.Down);
        AwaitKernel(("192.168.1.99", 1));
        AwaitAssert(() => Assert.Contains("/bin/quorum-down", ScriptsRun()), Settle);
        Assert.False(Status().QuorumUp);

        _checks.Set("192.168.1.20", CheckBehaviour.Up);
        _checks.Set("192.168.1.21", CheckBehaviour.Up);
        AwaitAssert(() => Assert.Equal(3, Status().Health.Values.Count(h => h.IsUp)), Settle);
        // 3 live < quorum + hysteresis: the sorry server still serves alone
        Assert.False(Status().QuorumUp);
        Assert.Equal([("192.168.1.99", 1)], Kernel());

        _checks.Set("192.168.1.22", CheckBehaviour.Up);
        AwaitKernel(Up(20, 21, 22, 23));
        AwaitAssert(() => Assert.Contains("/bin/quorum-up", ScriptsRun()), Settle);
        Assert.True(Status().QuorumUp);
    }

    [Fact]
    public void Inhibit_on_failure_keeps_the_server_at_weight_zero()
    {
        StartVs(Vs(inhibit: true));
        AwaitKernel(Up(20, 21, 22, 23));
        _checks.Set("192.168.1.23", CheckBehaviour.Down);
        AwaitKernel([.. Up(20, 21, 22), ("192.168.1.23", 0)]);
        _checks.Set("192.168.1.23", CheckBehaviour.Up);
        AwaitKernel(Up(20, 21, 22, 23));
    }

    [Fact]
    public void A_hung_checker_is_restarted_without_flapping_its_server()
    {
        StartVs(Vs(), hangLimit: TimeSpan.FromMilliseconds(300));
        AwaitKernel(Up(20, 21, 22, 23));
        AwaitAssert(() => Assert.True(_checks.Runs.GetValueOrDefault("192.168.1.22") >= 2), Settle);
        var tablesBefore = _backend.History.Count;

        _checks.Set("192.168.1.22", CheckBehaviour.Hang);
        AwaitAssert(() => Assert.Equal(1, Status().Restarts["rs-192.168.1.22:80"]), Settle, TimeSpan.FromMilliseconds(50));
        var runs = _checks.Runs["192.168.1.22"];
        AwaitAssert(() => Assert.True(_checks.Runs["192.168.1.22"] > runs + 2), Settle); // the new checker runs

        Assert.Equal(tablesBefore, _backend.History.Count); // no table change at all: no flap
        Assert.All(Status().Health.Values, h => Assert.True(h.IsUp));
        Assert.Equal(Up(20, 21, 22, 23), Kernel());
        Assert.Equal(0, Status().Restarts["rs-192.168.1.20:80"]);
    }

    [Fact]
    public void A_restarted_checker_of_a_down_server_keeps_it_down_until_it_succeeds()
    {
        StartVs(Vs(), hangLimit: TimeSpan.FromMilliseconds(300));
        _checks.Set("192.168.1.22", CheckBehaviour.Down);
        AwaitKernel(Up(20, 21, 23));
        var tablesBefore = _backend.History.Count;

        _checks.Set("192.168.1.22", CheckBehaviour.Hang); // hangs once, then would succeed
        AwaitAssert(() => Assert.Equal(1, Status().Restarts["rs-192.168.1.22:80"]), Settle, TimeSpan.FromMilliseconds(50));
        _checks.Set("192.168.1.22", CheckBehaviour.Down);
        var runs = _checks.Runs["192.168.1.22"];
        AwaitAssert(() => Assert.True(_checks.Runs["192.168.1.22"] > runs + 2), Settle);
        Assert.Equal(tablesBefore, _backend.History.Count);
        Assert.Equal(Up(20, 21, 23), Kernel());

        _checks.Set("192.168.1.22", CheckBehaviour.Up);
        AwaitKernel(Up(20, 21, 22, 23));
    }

    [Fact]
    public void A_checker_that_throws_is_restarted_and_counted_without_a_flap()
    {
        _checks.FailBuilds["192.168.1.21"] = 2;
        StartVs(Vs());
        AwaitKernel(Up(20, 21, 22, 23));
        AwaitAssert(() => Assert.Equal(2, Status().Restarts["rs-192.168.1.21:80"]), Settle, TimeSpan.FromMilliseconds(50));
        AwaitAssert(() => Assert.True(_checks.Runs.GetValueOrDefault("192.168.1.21") >= 2), Settle);
        Assert.Single(_backend.History); // the one table of the start, never changed
        _checks.Set("192.168.1.21", CheckBehaviour.Down); // and the restarted checker works
        AwaitKernel(Up(20, 22, 23));
    }

    [Fact]
    public void Ha_suspend_stops_checking_while_the_vip_is_elsewhere_and_keeps_the_table()
    {
        StartVs(Vs() with { HaSuspend = true });
        AwaitKernel(Up(20, 21, 22, 23));
        AwaitAssert(() => Assert.True(_checks.Runs.GetValueOrDefault("192.168.1.20") >= 2), Settle);

        _vipHere = false;
        AwaitAssert(() => Assert.True(Status().Suspended), Settle);
        _checks.Set("192.168.1.20", CheckBehaviour.Down);
        var runs = _checks.Runs["192.168.1.20"];
        Thread.Sleep(600); // several delay_loops: no check runs, nothing changes
        Assert.InRange(_checks.Runs["192.168.1.20"], runs, runs + 1); // at most the run in flight
        Assert.Equal(Up(20, 21, 22, 23), Kernel());

        _vipHere = true;
        AwaitKernel(Up(21, 22, 23)); // checks resumed and found the failure
        Assert.False(Status().Suspended);
    }
}
