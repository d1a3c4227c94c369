using System.Net;
using Akka.Actor;
using Akka.TestKit.Xunit2;
using Director.Actors.Balancing;
using Director.Actors.Native;
using Director.Actors.State;
using Director.Actors.Tests.Fakes;
using Director.Core.Config.Model;

namespace Director.Actors.Tests.Balancing;

public class LbSupervisorActorTests : TestKit
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(10);

    private readonly ScriptedChecks _checks = new();
    private readonly IActorRef _lb;

    public LbSupervisorActorTests()
    {
        var nativeIo = Sys.ActorOf(NativeIoActor.Props(new FakeKernelNetwork(), forwarding: new FakeForwardingBackend()), "native-io");
        var config = new KeepalivedConfig { VirtualServer = new[] { Vs(80, LbAlgo.Rr, 20, 21), Vs(443, LbAlgo.Wrr, 21, 22) } };
        var services = new LbServices { NativeIo = nativeIo, Checks = _checks.Build, Scripts = new RecordingScriptRunner() };
        _lb = Sys.ActorOf(LbTopology.Supervisor(config, services), LbNames.Supervisor);
    }

    private static VirtualServer Vs(int port, LbAlgo algo, params int[] servers) => new()
    {
        Address = new IpPortAddress { Ip = IPAddress.Parse("10.0.0.1"), Port = port },
        LbAlgo = algo,
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

    [Fact]
    public void Answers_the_state_actor_with_every_virtual_server_and_its_real_servers()
    {
        _checks.Set("192.168.1.21", CheckBehaviour.Down);
        AwaitAssert(() =>
        {
            var views = _lb.Ask<IReadOnlyList<VirtualServerView>>(GetVirtualServerViews.Instance, Settle).GetAwaiter().GetResult();
            Assert.Equal(["vs-10.0.0.1:443", "vs-10.0.0.1:80"], views.Select(v => v.Name));
            var http = views.Single(v => v.Name == "vs-10.0.0.1:80");
            Assert.Equal(("TCP", "rr"), (http.Protocol, http.Scheduler));
            Assert.Equal(
                [new RealServerView("192.168.1.20:80", true, 20, 0), new RealServerView("192.168.1.21:80", false, 0, 0)],
                http.RealServers);
        }, Settle, TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public async Task An_operator_action_on_an_unknown_real_server_is_rejected_with_the_reason()
    {
        var command = new RealServerOverrideCommand(null, new RealServerSelector(IPAddress.Parse("192.168.1.99"), null), new DrainOverride());
        var reply = await _lb.Ask<RealServerOverrideRejected>(command, Settle);
        Assert.Equal("no virtual server has real server 192.168.1.99", reply.Reason);
    }

    [Theory]
    [InlineData("192.168.1.20", "192.168.1.20", null)]
    [InlineData("192.168.1.20:8080", "192.168.1.20", 8080)]
    [InlineData("[fd00::1]:80", "fd00::1", 80)]
    [InlineData("fd00::1", "fd00::1", null)]
    public void Real_server_selectors_parse_an_address_with_or_without_a_port(string text, string ip, int? port)
    {
        Assert.True(RealServerSelector.TryParse(text, out var selector));
        Assert.Equal(new RealServerSelector(IPAddress.Parse(ip), port), selector);
    }

    [Theory]
    [InlineData("")]
    [InlineData("host.example")]
    [InlineData("192.168.1.20:0")]
    public void Bad_selectors_are_refused(string text) => Assert.False(RealServerSelector.TryParse(text, out _));
}
