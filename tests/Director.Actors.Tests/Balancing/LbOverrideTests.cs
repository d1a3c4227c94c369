using System.Net;
using Akka.Actor;
using Akka.TestKit.Xunit2;
using Director.Actors.Balancing;
using Director.Actors.Native;
using Director.Actors.Tests.Fakes;
using Director.Core.Config.Model;

namespace Director.Actors.Tests.Balancing;

public class LbOverrideTests : TestKit
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(10);

    private readonly FakeForwardingBackend _backend = new();
    private readonly ScriptedChecks _checks = new();
    private readonly IActorRef _lb;

    public LbOverrideTests()
    {
        var nativeIo = Sys.ActorOf(NativeIoActor.Props(new FakeKernelNetwork(), forwarding: _backend), "native-io");
        var config = new KeepalivedConfig { VirtualServer = new[] { Vs(80, 20, 21), Vs(443, 21, 22) } };
        var services = new LbServices { NativeIo = nativeIo, Checks = _checks.Build, Scripts = new RecordingScriptRunner() };
        _lb = Sys.ActorOf(LbTopology.Supervisor(config, services), LbNames.Supervisor);
    }

    private static VirtualServer Vs(int port, params int[] servers) => new()
    {
        Address = new IpPortAddress { Ip = IPAddress.Parse("10.0.0.1"), Port = port },
        LbAlgo = LbAlgo.Wrr,
        DelayLoop = TimeSpan.FromMilliseconds(100),
        RealServer = servers.Select(i => new RealServer
        {
            Address = new RealServerAddress { Ip = IPAddress.Parse($"192.168.1.{i}"), Port = port },
            Weight = i,
            Checkers = new HealthChecker[]
            {
                new TcpCheck { Retry = 0, DelayBeforeRetry = TimeSpan.FromMilliseconds(50), Warmup = TimeSpan.Zero, ConnectTimeout = TimeSpan.FromSeconds(1) },
            }.ToEquatableList(),
        }).ToEquatableList(),
    };

    private static RealServerOverrideCommand Command(string rs, RealServerOverride change, string? vs = null)
    {
        Assert.True(RealServerSelector.TryParse(rs, out var selector));
        return new RealServerOverrideCommand(vs, selector!, change);
    }

    private IReadOnlyList<string> Kernel() =>
        _backend.Table.Services.Values
            .SelectMany(s => s.Destinations.Select(d => $"{s.Key.Port} {d.Address}:{d.Port} w{d.Weight}"))
            .Order(StringComparer.Ordinal).ToList();

    private void AwaitKernel(params string[] expected) =>
        AwaitAssert(() => Assert.Equal(expected.Order(StringComparer.Ordinal), Kernel()), Settle, TimeSpan.FromMilliseconds(50));

    [Fact]
    public async Task Drain_in_every_virtual_server_answers_once_and_sets_weight_zero()
    {
        AwaitKernel("443 192.168.1.21:443 w21", "443 192.168.1.22:443 w22", "80 192.168.1.20:80 w20", "80 192.168.1.21:80 w21");
        var reply = await _lb.Ask<RealServerOverrideApplied>(Command("192.168.1.21", new DrainOverride()), Settle);
        Assert.Equal(["vs-10.0.0.1:443", "vs-10.0.0.1:80"], reply.VirtualServers);
        AwaitKernel("443 192.168.1.21:443 w0", "443 192.168.1.22:443 w22", "80 192.168.1.20:80 w20", "80 192.168.1.21:80 w0");
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));

        var views = await _lb.Ask<IReadOnlyList<Director.Actors.State.VirtualServerView>>(Director.Actors.State.GetVirtualServerViews.Instance, Settle);
        Assert.Equal(
            [("vs-10.0.0.1:443", "192.168.1.21:443", (int?)0), ("vs-10.0.0.1:443", "192.168.1.22:443", null), ("vs-10.0.0.1:80", "192.168.1.20:80", null), ("vs-10.0.0.1:80", "192.168.1.21:80", 0)],
            views.SelectMany(v => v.RealServers.Select(r => (v.Name, r.Address, r.OperatorWeight))));
    }

    [Fact]
    public async Task Weight_on_one_virtual_server_then_clear_restores_the_configured_weight()
    {
        var reply = await _lb.Ask<RealServerOverrideApplied>(Command("192.168.1.21:80", new WeightOverride(7), "vs-10.0.0.1:80"), Settle);
        Assert.Equal(["vs-10.0.0.1:80"], reply.VirtualServers);
        AwaitKernel("443 192.168.1.21:443 w21", "443 192.168.1.22:443 w22", "80 192.168.1.20:80 w20", "80 192.168.1.21:80 w7");
        await _lb.Ask<RealServerOverrideApplied>(Command("192.168.1.21", new ClearOverride()), Settle);
        AwaitKernel("443 192.168.1.21:443 w21", "443 192.168.1.22:443 w22", "80 192.168.1.20:80 w20", "80 192.168.1.21:80 w21");
    }

    [Fact]
    public async Task A_drained_server_that_goes_down_leaves_the_table_and_comes_back_drained()
    {
        await _lb.Ask<RealServerOverrideApplied>(Command("192.168.1.20", new DrainOverride()), Settle);
        AwaitKernel("443 192.168.1.21:443 w21", "443 192.168.1.22:443 w22", "80 192.168.1.20:80 w0", "80 192.168.1.21:80 w21");
        _checks.Set("192.168.1.20", CheckBehaviour.Down);
        AwaitKernel("443 192.168.1.21:443 w21", "443 192.168.1.22:443 w22", "80 192.168.1.21:80 w21");
        _checks.Set("192.168.1.20", CheckBehaviour.Up);
        AwaitKernel("443 192.168.1.21:443 w21", "443 192.168.1.22:443 w22", "80 192.168.1.20:80 w0", "80 192.168.1.21:80 w21");
    }

    [Fact]
    public async Task A_port_no_virtual_server_has_is_rejected_naming_it()
    {
        var reply = await _lb.Ask<RealServerOverrideRejected>(Command("192.168.1.20:8080", new DrainOverride()), Settle);
        Assert.Contains("192.168.1.20:8080", reply.Reason, StringComparison.Ordinal);
    }
}
