using Akka.Actor;

namespace Director.Actors.State;

/// <summary>Where the `state` actor gets what it reports; a null source is reported as absent.</summary>
/// <param name="Vrrp">The `vrrp` supervisor (answers GetVrrpInstanceStatus), null when VRRP does not run.</param>
/// <param name="NativeIo">native-io (answers GetNativeIoStats).</param>
/// <param name="VirtualServers">The load-balancing side (answers <see cref="GetVirtualServerViews"/>); null until it is wired.</param>
/// <param name="ClusterEnabled">True when the actor system is a cluster member: queries then span all Up members.</param>
public sealed record StateSources(
    string NodeName,
    IActorRef? Vrrp,
    IActorRef? NativeIo,
    IActorRef? VirtualServers,
    string DataPlane,
    bool ClusterEnabled,
    int RecentTransitions = 50,
    TimeSpan? LocalTimeout = null,
    TimeSpan? RemoteTimeout = null)
{
    public TimeSpan LocalAskTimeout => LocalTimeout ?? TimeSpan.FromSeconds(3);

    public TimeSpan RemoteAskTimeout => RemoteTimeout ?? TimeSpan.FromSeconds(2);
}
