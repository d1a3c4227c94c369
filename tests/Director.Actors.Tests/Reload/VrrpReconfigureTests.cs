using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Akka.Actor;
using Akka.TestKit.Xunit2;
using Director.Actors.Native;
using Director.Actors.Tests.Fakes;
using Director.Actors.Tests.Vrrp;
using Director.Actors.Vrrp;
using Director.Core.Config.Model;
using Director.Native.Sockets;

namespace Director.Actors.Tests.Reload;

/// <summary>
/// ReconfigureVrrp: an unchanged instance keeps its actor (state, timers), a removed one is
/// released and stopped, an added one starts, one whose VIPs changed is updated in place; a socket
/// no instance uses any more is closed, one still in use is kept.
/// </summary>
public sealed class VrrpReconfigureTests : TestKit
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(10);

    private readonly ConcurrentBag<FakeSocket> _sockets = [];
    private readonly VrrpPorts _ports;

    public VrrpReconfigureTests()
    {
        var nativeIo = Sys.ActorOf(NativeIoActor.Props(new FakeKernelNetwork()), "native-io");
        _ports = new VrrpPorts((iface, _) =>
        {
            var socket = new FakeSocket(iface);
            _sockets.Add(socket);
            return socket;
        }, nativeIo, null, new RecordingScriptRunner(), Dispatcher: null);
    }

    private static VrrpInstanceSettings Instance(string name, byte vrid, string iface)
    {
        var settings = InstanceFixtures.Settings();
        return settings with
        {
            Name = name,
            Interface = iface,
            Machine = settings.Machine with { Vrid = vrid },
            Receive = settings.Receive with { Vrid = vrid },
        };
    }

    private static VrrpTopology Topology(params VrrpInstanceSettings[] instances) => new(instances, [], [], []);

    /// <summary>The instance actor, once the supervisor has started it.</summary>
    private async Task<IActorRef> Resolve(string name)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await Sys.ActorSelection($"/user/vrrp/vrrp-{name}").ResolveOne(TimeSpan.FromSeconds(1));
            }
            catch (ActorNotFoundException) when (attempt < 50)
            {
                await Task.Delay(100);
            }
        }
    }

    [Fact]
    public async Task Only_the_difference_starts_and_stops()
    {
        var vrrp = Sys.ActorOf(VrrpSupervisorActor.Props(Topology(Instance("VI_1", 51, "eth0"), Instance("VI_2", 52, "eth1")), _ports), VrrpSupervisorActor.Name);
        var vi1 = await Resolve("VI_1");
        var vi2 = await Resolve("VI_2");
        Watch(vi2);

        var reply = await vrrp.Ask<VrrpReconfigured>(new ReconfigureVrrp(Topology(Instance("VI_1", 51, "eth0"), Instance("VI_3", 53, "eth0"))), Settle);

        Assert.True(reply.Applied);
        Assert.Equal(["vrrp_instance VI_2 removed", "vrrp_instance VI_3 added"], reply.Changes);
        ExpectTerminated(vi2, Settle);
        Assert.Equal(vi1, await Resolve("VI_1"));
        await Resolve("VI_3");
        Assert.Equal(["eth0", "eth1"], _sockets.Select(s => s.InterfaceName).Order());
        Assert.True(_sockets.Single(s => s.InterfaceName == "eth1").Disposed, "eth1's socket is not used any more");
        Assert.False(_sockets.Single(s => s.InterfaceName == "eth0").Disposed);
        var status = await vrrp.Ask<List<VrrpInstanceStatus>>(GetVrrpInstanceStatus.Instance, Settle);
        Assert.Equal(2, status.Count);
    }

    [Fact]
    public async Task The_same_topology_again_changes_nothing()
    {
        var vrrp = Sys.ActorOf(VrrpSupervisorActor.Props(Topology(Instance("VI_1", 51, "eth0")), _ports), VrrpSupervisorActor.Name);
        var vi1 = await Resolve("VI_1");

        var reply = await vrrp.Ask<VrrpReconfigured>(new ReconfigureVrrp(Topology(Instance("VI_1", 51, "eth0"))), Settle);

        Assert.True(reply.Applied);
        Assert.Empty(reply.Changes);
        Assert.Equal(vi1, await Resolve("VI_1"));
        Assert.Single(_sockets);
    }

    [Fact]
    public async Task Changed_vips_update_the_running_instance_in_place()
    {
        var before = Instance("VI_1", 51, "eth0");
        var added = IPAddress.Parse("10.9.0.110");
        var after = before with
        {
            Vips = before.Vips.Append(new VipAddressSpec("eth0", added, 32)).ToEquatableList(),
            Receive = before.Receive with { VirtualAddresses = before.Receive.VirtualAddresses.Append(added).ToEquatableList() },
        };
        var vrrp = Sys.ActorOf(VrrpSupervisorActor.Props(Topology(before), _ports), VrrpSupervisorActor.Name);
        var vi1 = await Resolve("VI_1");

        var reply = await vrrp.Ask<VrrpReconfigured>(new ReconfigureVrrp(Topology(after)), Settle);

        Assert.True(reply.Applied);
        Assert.Equal(["vrrp_instance VI_1: VIPs +10.9.0.110 (in place)"], reply.Changes);
        Assert.Equal(vi1, await Resolve("VI_1"));
        var status = await vrrp.Ask<List<VrrpInstanceStatus>>(GetVrrpInstanceStatus.Instance, Settle);
        Assert.Contains(added, Assert.Single(status).Vips);
        Assert.Equal(after.Vips, (await vrrp.Ask<VrrpTopology>(GetVrrpTopology.Instance, Settle)).Instances.Single().Vips);
    }

    private sealed class FakeSocket(string iface) : IVrrpSocket
    {
        private readonly TaskCompletionSource<ReceivedVrrpPacket> _never = new();

        public bool Disposed { get; private set; }

        public string InterfaceName => iface;

        public int InterfaceIndex => 1;

        public void Send(ReadOnlySpan<byte> vrrpMessage, IPAddress destination, IPAddress? source = null)
        {
        }

        public ValueTask<ReceivedVrrpPacket> ReceiveAsync(CancellationToken cancellationToken) =>
            new(_never.Task.WaitAsync(cancellationToken));

        public void Dispose() => Disposed = true;
    }
}
