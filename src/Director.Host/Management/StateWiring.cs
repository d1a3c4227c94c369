using Akka.Actor;
using Director.Actors.Balancing;
using Director.Actors.Native;
using Director.Actors.State;
using Director.Actors.Supervision;
using Director.Actors.Vrrp;

namespace Director.Host.Management;

/// <summary>Starts the `state` actor at /user/state next to the watchdog's children it reports on.</summary>
public static class StateWiring
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(10);

    /// <summary>The data-plane backend reported when this director runs no virtual servers.</summary>
    public const string NoDataPlane = "none";

    public static IActorRef Start(ActorSystem system, IActorRef watchdog, OpsSettings ops, string nodeName)
    {
        var nativeIo = ChildOrNull(watchdog, "native-io");
        var sources = new StateSources(
            nodeName,
            Vrrp: ChildOrNull(watchdog, VrrpSupervisorActor.Name),
            NativeIo: nativeIo,
            VirtualServers: ChildOrNull(watchdog, LbNames.Supervisor),
            DataPlane: DataPlane(nativeIo) ?? NoDataPlane,
            ClusterEnabled: ops.Cluster.Enabled,
            RecentTransitions: ops.RecentTransitions,
            RemoteTimeout: ops.Cluster.QueryTimeout);
        return system.ActorOf(StateActor.Props(sources), StateActor.Name);
    }

    private static string? DataPlane(IActorRef? nativeIo) =>
        nativeIo?.Ask<ForwardingTableSnapshot>(GetForwardingTable.Instance, AskTimeout).GetAwaiter().GetResult().Backend;

    private static IActorRef? ChildOrNull(IActorRef supervisor, string name) =>
        supervisor.Ask<object>(new GetChild(name), AskTimeout).GetAwaiter().GetResult() is ChildStarted started ? started.Ref : null;
}
