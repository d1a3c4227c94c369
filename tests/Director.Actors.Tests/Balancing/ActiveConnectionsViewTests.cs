using System.Net;
using Akka.Actor;
using Akka.TestKit.Xunit2;
using Director.Actors.Balancing;
using Director.Actors.Native;
using Director.Actors.State;
using Director.Actors.Tests.Fakes;
using Director.Core.Balancing;
using Director.Core.Config.Model;

namespace Director.Actors.Tests.Balancing;

/// <summary>The ACTIVE and INACTIVE columns of the status views (director status, /status, metrics) on a data plane that counts connections itself.</summary>
public class ActiveConnectionsViewTests : TestKit
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(10);
    private static readonly IPAddress Vip = IPAddress.Parse("10.0.0.1");
    private static readonly VirtualServiceKey Web = VirtualServiceKey.ForAddress(Vip, 80, IpProtocol.Tcp);

    private static RealServer Real(string ip, int port) => new()
    {
        Address = new RealServerAddress { Ip = IPAddress.Parse(ip), Port = port },
        Weight = 1,
        Checkers = new HealthChecker[]
        {
            new TcpCheck { Retry = 0, DelayBeforeRetry = TimeSpan.FromMilliseconds(50), Warmup = TimeSpan.Zero, ConnectTimeout = TimeSpan.FromSeconds(1) },
        }.ToEquatableList(),
    };

    private static VirtualService Installed(VirtualServiceKey key, params (string Ip, int Port)[] destinations) => new()
    {
        Key = key,
        Scheduler = Scheduler.Rr,
        Destinations = destinations.Select(d => new Destination { Address = IPAddress.Parse(d.Ip), Port = d.Port }).ToList(),
    };

    private static ActiveConnectionsSnapshot Ipvs(params ActiveConnectionCount[] counts) => new(new ActiveConnectionCounts("ipvs", counts));

    [Fact]
    public void Installed_real_servers_show_the_data_planes_counts_and_others_zero()
    {
        var vs = new VirtualServer
        {
            Address = new IpPortAddress { Ip = Vip, Port = 80 },
            RealServer = new[] { Real("192.168.1.20", 80), Real("192.168.1.21", 80), Real("192.168.1.22", 80) }.ToEquatableList(),
        };
        var status = new VirtualServerStatus("vs-10.0.0.1:80", true, false, new Dictionary<string, RealServerHealth>(), new Dictionary<string, int>(),
            [Installed(Web, ("192.168.1.20", 80), ("192.168.1.21", 80))]);
        var connections = Ipvs(
            new ActiveConnectionCount(Web, new DestinationKey(IPAddress.Parse("192.168.1.20"), 80), 3, 4),
            new ActiveConnectionCount(Web, new DestinationKey(IPAddress.Parse("192.168.1.21"), 80), 5),
            new ActiveConnectionCount(Web, new DestinationKey(IPAddress.Parse("192.168.1.22"), 80), 9, 1)); // not installed by this virtual server

        var view = LbViewMapping.ToView(vs, status, connections);

        Assert.Equal([3L, 5L, 0L], view.RealServers.Select(r => r.ActiveConnections));
        Assert.Equal([4L, 0L, 0L], view.RealServers.Select(r => r.InactiveConnections));
    }

    [Fact]
    public void A_fwmark_virtual_server_shows_the_counts_ipvs_reports_for_its_mark()
    {
        var vs = new VirtualServer
        {
            Address = new FwmarkAddress { Fwmark = 7 },
            Protocol = Protocol.Udp,
            RealServer = new[] { Real("192.168.1.20", 53) }.ToEquatableList(),
        };
        var status = new VirtualServerStatus("vs-fwmark-7", true, false, new Dictionary<string, RealServerHealth>(), new Dictionary<string, int>(),
            [Installed(VirtualServiceKey.ForFwmark(7, IpFamily.V4, IpProtocol.Udp), ("192.168.1.20", 53))]);
        // IPVS reports no protocol for a fwmark service: its key comes back as TCP.
        var connections = Ipvs(new ActiveConnectionCount(VirtualServiceKey.ForFwmark(7, IpFamily.V4, IpProtocol.Tcp), new DestinationKey(IPAddress.Parse("192.168.1.20"), 53), 11));

        var view = LbViewMapping.ToView(vs, status, connections);

        Assert.Equal(11, view.RealServers.Single().ActiveConnections);
    }

    [Fact]
    public void The_supervisors_views_carry_the_counts_native_io_read_from_the_backend()
    {
        var backend = new FakeCountingBackend(
            new ActiveConnectionCount(Web, new DestinationKey(IPAddress.Parse("192.168.1.20"), 80), 7),
            new ActiveConnectionCount(Web, new DestinationKey(IPAddress.Parse("192.168.1.21"), 80), 2));
        var nativeIo = Sys.ActorOf(NativeIoActor.Props(new FakeKernelNetwork(), forwarding: backend), NativeIoActor.Name);
        var checks = new ScriptedChecks();
        var vs = new VirtualServer
        {
            Address = new IpPortAddress { Ip = Vip, Port = 80 },
            LbAlgo = LbAlgo.Rr,
            DelayLoop = TimeSpan.FromMilliseconds(100),
            RealServer = new[] { Real("192.168.1.20", 80), Real("192.168.1.21", 80) }.ToEquatableList(),
        };
        var config = new KeepalivedConfig { VirtualServer = new[] { vs } };
        var lb = Sys.ActorOf(LbTopology.Supervisor(config, new LbServices { NativeIo = nativeIo, Checks = checks.Build, Scripts = new RecordingScriptRunner() }), LbNames.Supervisor);

        AwaitAssert(() =>
        {
            var views = lb.Ask<IReadOnlyList<VirtualServerView>>(GetVirtualServerViews.Instance, Settle).GetAwaiter().GetResult();
            Assert.Equal(
                [new RealServerView("192.168.1.20:80", true, 1, 7), new RealServerView("192.168.1.21:80", true, 1, 2)],
                views.Single().RealServers);
        }, Settle, TimeSpan.FromMilliseconds(100));
    }
}
