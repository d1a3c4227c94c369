using System.Net.Sockets;
using System.Runtime.InteropServices;
using Akka.Actor;
using Akka.Event;
using Director.Actors.Links;
using Director.Actors.Native;
using Director.Actors.Scripts;
using Director.Actors.Supervision;
using Director.Actors.Vrrp;
using Director.Core.Config.Model;
using Director.Core.Vrrp.Firewall;
using Director.Native.Nftables;
using Director.Native.Nftables.Events;
using Director.Native.Sockets;

namespace Director.Host.Daemon;

/// <summary>Builds the supervised actor tree of a running director and its release-on-stop hook.</summary>
public static class VrrpWiring
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(10);

    public static IActorRef Start(ActorSystem system, KeepalivedConfig config, DaemonSettings settings)
    {
        var kernel = new RtnetlinkKernelNetwork();
        var scripts = new ProcessScriptRunner();
        var forwarding = LbWiring.Backend(system, config, settings);
        var firewall = settings.RunVrrp ? new NftVipFirewall(VipFirewallOptionsFor(config.GlobalDefs)) : null;
        if (firewall is not null && NetfilterNetlinkProbe.Unavailable() is { } noNftables)
            Logging.GetLogger(system, "vrrp").Warning("VIP firewall: {0}; the VIPs of instances without accept mode cannot be blocked (all else runs)", noNftables);
        if (firewall is not null)
            system.WhenTerminated.ContinueWith(_ => firewall.Dispose(), TaskScheduler.Default);
        var repair = new TableRepairSettings { Events = new NftChangeEvents(), CheckInterval = LbWiring.TableCheckInterval(system) };
        var watchdog = system.ActorOf(WatchdogActor.Props(
        [
            new ChildSpec("native-io", NativeIoActor.Props(kernel, forwarding: forwarding, rebalanceInterval: LbWiring.RebalanceInterval(system), firewall: firewall, repair: repair)
                .WithDispatcher("akka.actor.native-io-dispatcher")),
            new ChildSpec("link-monitor", LinkMonitorActor.Props(new NetlinkLinkEvents())),
        ]), WatchdogActor.RootName);

        var nativeIo = Child(watchdog, "native-io");
        var links = Child(watchdog, "link-monitor");
        // An operator's stop is not fought: from SIGTERM on, no table another process changes is repaired.
        var stopRepairs = new[] { PosixSignal.SIGTERM, PosixSignal.SIGINT }
            .Select(s => PosixSignalRegistration.Create(s, _ => nativeIo.Tell(StopRepairs.Instance, ActorRefs.NoSender))).ToArray();
        system.WhenTerminated.ContinueWith(_ =>
        {
            foreach (var registration in stopRepairs) registration.Dispose();
        }, TaskScheduler.Default);
        LbWiring.Start(system, config, settings, watchdog, nativeIo, forwarding);
        if (settings.RunVrrp)
        {
            var topology = VrrpTopologyBuilder.Build(config, new NetlinkInterfaceDirectory(), releaseOnStop: !settings.DontReleaseVrrp);
            var vmacs = topology.Instances.Select(i => i.Vmac).OfType<VmacSpec>().Distinct().ToList();
            foreach (var vmac in vmacs)
                Write(nativeIo, new CreateVmac(vmac), system);
            var ports = new VrrpPorts(
                (iface, family) => VrrpSockets.Open(iface, family == AddressFamily.InterNetworkV6),
                nativeIo, links, scripts);
            watchdog.Ask<ChildStarted>(new StartChild(new ChildSpec(VrrpSupervisorActor.Name, VrrpSupervisorActor.Props(topology, ports))), AskTimeout)
                .GetAwaiter().GetResult();
            var vrrp = Child(watchdog, VrrpSupervisorActor.Name);
            var statusDump = StatusDumpSignal.Register(system, vrrp);
            var earlyRelease = settings.DontReleaseVrrp ? null : EarlyReleaseSignal.Register(vrrp);
            system.WhenTerminated.ContinueWith(_ =>
            {
                statusDump.Dispose();
                earlyRelease?.Dispose();
            }, TaskScheduler.Default);
            CoordinatedShutdown.Get(system).AddTask(CoordinatedShutdown.PhaseBeforeServiceUnbind, "vrrp-release", async () =>
            {
                try
                {
                    // A reload may have added or removed VMACs since the start: release what runs now.
                    var current = await CurrentVmacs(vrrp, vmacs);
                    await vrrp.Ask<VrrpReleased>(ReleaseVrrp.Instance, TimeSpan.FromSeconds(4));
                    if (!settings.DontReleaseVrrp)
                        foreach (var vmac in current)
                            await nativeIo.Ask<object>(new DeleteVmac(vmac.Name), TimeSpan.FromSeconds(2));
                }
                catch (Exception e) when (e is AskTimeoutException or TaskCanceledException)
                {
                    Logging.GetLogger(system, "vrrp").Warning("release did not finish in time: {0}", e.Message);
                }
                return Akka.Done.Instance;
            });
        }
        return watchdog;
    }

    /// <summary>keepalived's nftables global_defs; a reload keeps the table of the start.</summary>
    private static VipFirewallOptions VipFirewallOptionsFor(GlobalDefs globals) =>
        new(globals.Nftables ?? VipFirewallOptions.DefaultTableName, globals.NftablesPriority, globals.NftablesCounters);

    private static async Task<IReadOnlyList<VmacSpec>> CurrentVmacs(IActorRef vrrp, IReadOnlyList<VmacSpec> atStart)
    {
        try
        {
            var topology = await vrrp.Ask<VrrpTopology>(GetVrrpTopology.Instance, TimeSpan.FromSeconds(2));
            return topology.Instances.Select(i => i.Vmac).OfType<VmacSpec>().Distinct().ToList();
        }
        catch (Exception e) when (e is AskTimeoutException or TaskCanceledException)
        {
            return atStart;
        }
    }

    private static void Write(IActorRef nativeIo, KernelCommand command, ActorSystem system)
    {
        var reply = nativeIo.Ask<object>(command, AskTimeout).GetAwaiter().GetResult();
        if (reply is KernelWriteFailed failed)
            Logging.GetLogger(system, "vrrp").Warning("{0} failed: {1}", command.Kind, failed.Reason);
    }

    private static IActorRef Child(IActorRef supervisor, string name) =>
        supervisor.Ask<object>(new GetChild(name), AskTimeout).GetAwaiter().GetResult() switch
        {
            ChildStarted started => started.Ref,
            var other => throw new InvalidOperationException($"watchdog has no child '{name}': {other}"),
        };
}
