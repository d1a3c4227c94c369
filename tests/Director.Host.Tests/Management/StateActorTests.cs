using System.Net;
using Akka.Actor;
using Director.Actors.State;
using Director.Actors.Vrrp;
using Director.Core.Vrrp;

namespace Director.Host.Tests.Management;

public sealed class StateActorTests : IDisposable
{
    private readonly ActorSystem _system = ActorSystem.Create("state-test", "akka.loglevel = WARNING");

    public void Dispose() => _system.Dispose();

    private sealed class FakeVrrp : ReceiveActor
    {
        public FakeVrrp() => Receive<GetVrrpInstanceStatus>(_ => Sender.Tell(new List<VrrpInstanceStatus>
        {
            new("VI_1", "eth0", VrrpState.Master, 150, 150, IPAddress.Parse("10.0.0.2"), [IPAddress.Parse("10.0.0.1")], 7, 1,
                new Dictionary<VrrpDropReason, long> { [VrrpDropReason.TtlNot255] = 3 }, 2),
        }));
    }

    [Fact]
    public async Task Without_a_cluster_it_reports_its_own_instances_and_the_last_transitions()
    {
        var vrrp = _system.ActorOf(Props.Create(() => new FakeVrrp()));
        var state = _system.ActorOf(StateActor.Props(new StateSources("lb1", vrrp, null, null, "none", ClusterEnabled: false, RecentTransitions: 2)));
        await state.Ask<DirectorState>(GetDirectorState.Instance, TimeSpan.FromSeconds(5)); // subscribed by now
        foreach (var (from, to) in new[] { (VrrpState.Init, VrrpState.Backup), (VrrpState.Backup, VrrpState.Master), (VrrpState.Master, VrrpState.Fault) })
            _system.EventStream.Publish(new VrrpTransitioned("VI_1", from, to, 150, DateTimeOffset.UnixEpoch));

        ClusterStateView view = null!;
        Assert.True(SpinWait.SpinUntil(() =>
        {
            view = state.Ask<ClusterStateView>(GetClusterState.Instance, TimeSpan.FromSeconds(5)).GetAwaiter().GetResult();
            return view.Directors[0].State!.RecentTransitions.Count == 2;
        }, TimeSpan.FromSeconds(5)));

        var local = Assert.Single(view.Directors).State!;
        Assert.False(view.ClusterEnabled);
        Assert.Equal("lb1", local.Node);
        var instance = Assert.Single(local.VrrpInstances);
        Assert.Equal(("MASTER", "10.0.0.2", 3L), (instance.State, instance.Master, instance.Drops["TtlNot255"]));
        Assert.Equal(["BACKUP->MASTER", "MASTER->FAULT"], local.RecentTransitions.Select(t => $"{t.From}->{t.To}"));
        Assert.Empty(local.Problems);
    }

    [Fact]
    public async Task A_silent_source_becomes_a_problem_line_not_a_failure()
    {
        var silent = _system.ActorOf(Props.Create(() => new SilentActor()));
        var state = _system.ActorOf(StateActor.Props(new StateSources("lb1", silent, null, null, "none", false, LocalTimeout: TimeSpan.FromMilliseconds(200))));

        var local = await state.Ask<DirectorState>(GetDirectorState.Instance, TimeSpan.FromSeconds(5));

        Assert.Empty(local.VrrpInstances);
        Assert.Contains(local.Problems, p => p.StartsWith("vrrp: no answer", StringComparison.Ordinal));
    }

    private sealed class SilentActor : ReceiveActor
    {
        public SilentActor() => ReceiveAny(_ => { });
    }
}
