using System.Net;
using System.Net.NetworkInformation;
using Akka.Actor;
using Akka.Event;
using Director.Actors.Balancing;
using Director.Actors.Native;
using Director.Actors.Supervision;
using Director.Core.Balancing;
using Director.Core.Balancing.Nft;
using Director.Core.Config.Model;
using Director.Native;
using Director.Native.Ipvs;
using Director.Native.Nftables;

namespace Director.Host.Daemon;

/// <summary>
/// The load-balancing side of a running director: picks the forwarding backend (given to
/// native-io, the only writer), starts <c>lb</c> under the watchdog, and at stop removes the
/// virtual servers from the kernel as keepalived does (unless --dont-release-ipvs).
/// </summary>
public static class LbWiring
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(10);

    // Named "lb" so that the log lines say where they come from (system.Log shows deadLetters).
    private static ILoggingAdapter Log(ActorSystem system) => Logging.GetLogger(system, "lb");

    /// <summary>The backend for native-io, or null when this director runs no virtual servers.</summary>
    public static IForwardingBackend? Backend(ActorSystem system, KeepalivedConfig config, DaemonSettings settings)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(settings);
        if (!settings.RunChecks || config.VirtualServer.Count == 0) return null;
        var mode = settings.LbBackend ?? system.Settings.Config.GetString("director.lb.backend", "auto");
        var choice = ForwardingBackendSelector.Choose(mode, () => (IpvsProbe.IsAvailable(out var reason), reason));
        IForwardingBackend backend = choice.Kind == ForwardingBackendKind.Ipvs ? IpvsBackend.Open() : new NftablesBackend(NftOptionsFor(system, config));
        Log(system).Info("forwarding backend {0} ({1})", backend.Name, choice.Reason);
        ApplyStartSettings(system, config.GlobalDefs, backend);
        return backend;
    }

    /// <summary>global_defs lvs_timeouts and lvs_flush, as keepalived's checker applies them at start (IPVS only).</summary>
    private static void ApplyStartSettings(ActorSystem system, GlobalDefs globals, IForwardingBackend backend)
    {
        var timeouts = globals.LvsTimeouts is { } t ? new IpvsTimeouts((uint)t.Tcp, (uint)t.TcpFin, (uint)t.Udp) : null;
        if (timeouts is null && !globals.LvsFlush) return;
        if (backend is not IpvsBackend ipvs)
        {
            Log(system).Warning("lvs_timeouts / lvs_flush are IPVS settings: not applied with the {0} backend", backend.Name);
            return;
        }

        try
        {
            ipvs.ApplyStartSettings(timeouts, globals.LvsFlush);
            Log(system).Info("IPVS start settings applied (lvs_timeouts {0}, lvs_flush {1})", timeouts?.ToString() ?? "unchanged", globals.LvsFlush);
        }
        catch (Exception e) when (e is GenericNetlinkException or IOException or TimeoutException)
        {
            Log(system).Warning("IPVS start settings (lvs_timeouts, lvs_flush) failed: {0}", e.Message);
        }
    }

    private static void FlushOnStop(ActorSystem system, IpvsBackend ipvs)
    {
        try
        {
            ipvs.Flush();
            Log(system).Info("IPVS table flushed (lvs_flush_onstop)");
        }
        catch (Exception e) when (e is GenericNetlinkException or IOException or TimeoutException)
        {
            Log(system).Warning("lvs_flush_onstop: flushing the IPVS table failed: {0}", e.Message);
        }
    }

    /// <summary>How often native-io re-slots lc/wlc/sed/nq services: HOCON <c>director.lb.rebalance-interval</c>, bounded to 0.1-60 s.</summary>
    public static TimeSpan RebalanceInterval(ActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        var configured = system.Settings.Config.GetTimeSpan("director.lb.rebalance-interval", NativeIoActor.DefaultRebalanceInterval);
        var bounded = TimeSpan.FromTicks(Math.Clamp(configured.Ticks, MinRebalance.Ticks, MaxRebalance.Ticks));
        if (bounded != configured)
            Log(system).Warning("director.lb.rebalance-interval {0} s is outside {1}-{2} s; using {3} s",
                configured.TotalSeconds, MinRebalance.TotalSeconds, MaxRebalance.TotalSeconds, bounded.TotalSeconds);
        return bounded;
    }

    /// <summary>How often native-io reads an IPVS table back to repair what another tool removed: HOCON <c>director.lb.table-check-interval</c>.</summary>
    public static TimeSpan TableCheckInterval(ActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        var configured = system.Settings.Config.GetTimeSpan("director.lb.table-check-interval", TableRepairSettings.DefaultCheckInterval);
        return TimeSpan.FromTicks(Math.Clamp(configured.Ticks, Management.LbSettings.MinTableCheck.Ticks, Management.LbSettings.MaxTableCheck.Ticks));
    }

    // The operator's value was checked against these bounds at load (LbSettings); akka.conf's is the fallback.
    private static readonly TimeSpan MinRebalance = Management.LbSettings.MinRebalance;
    private static readonly TimeSpan MaxRebalance = Management.LbSettings.MaxRebalance;

    /// <summary>The DR devices (HOCON overrides, else derived from the configuration and the kernel's routes), logged.</summary>
    private static NftOptions NftOptionsFor(ActorSystem system, KeepalivedConfig config)
    {
        var hocon = system.Settings.Config;
        var ingress = hocon.GetString("director.lb.dr-ingress-device", null);
        var egress = hocon.GetString("director.lb.dr-egress-device", null);
        DrDeviceChoice dr;
        try
        {
            dr = KernelDrDevices.Resolve(config, ingress, egress);
        }
        catch (KernelCallException e)
        {
            dr = new DrDeviceChoice(ingress, egress, [], [$"reading the kernel's addresses and routes failed ({e.Message}): DR uses the configured devices only"]);
        }

        foreach (var note in dr.Notes) Log(system).Info("{0}", note);
        foreach (var warning in dr.Warnings) Log(system).Warning("{0}", warning);
        return new NftOptions
        {
            DrIngressDevice = dr.Ingress,
            DrEgressDevice = dr.Egress,
            PerServiceCounters = hocon.GetString("director.lb.round-robin-counters", "per-service") != "shared",
        };
    }

    /// <summary>
    /// A reload added the first virtual_server to a director that started without any: picks the
    /// backend, gives it to native-io and starts <c>lb</c> as at start. Null (and logged) when it cannot.
    /// </summary>
    public static (IActorRef Lb, string Backend)? StartLate(ActorSystem system, KeepalivedConfig config, DaemonSettings settings, IActorRef watchdog, IActorRef nativeIo)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(nativeIo);
        ArgumentNullException.ThrowIfNull(watchdog);
        IForwardingBackend? backend;
        try
        {
            backend = Backend(system, config, settings);
        }
        catch (Exception e) when (e is KernelCallException or NftCommandException or DllNotFoundException or IOException)
        {
            Log(system).Error("the forwarding backend cannot start: {0}", e.Message);
            return null;
        }

        if (backend is null) return null;
        var attached = nativeIo.Ask<ForwardingAttached>(new AttachForwarding(backend), AskTimeout).GetAwaiter().GetResult();
        if (!attached.Attached)
        {
            Log(system).Error("{0}", attached.Reason);
            (backend as IDisposable)?.Dispose();
            return null;
        }

        Start(system, config, settings, watchdog, nativeIo, backend);
        var lb = watchdog.Ask<object>(new GetChild(LbNames.Supervisor), AskTimeout).GetAwaiter().GetResult();
        return lb is ChildStarted child ? (child.Ref, backend.Name) : null;
    }

    /// <summary>Starts <c>lb</c> under <paramref name="watchdog"/> once native-io has pruned what an earlier configuration left.</summary>
    public static void Start(ActorSystem system, KeepalivedConfig config, DaemonSettings settings, IActorRef watchdog, IActorRef nativeIo, IForwardingBackend? backend)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(settings);
        if (backend is null) return;
        var keys = LbTopology.ConfiguredKeys(config);
        // nftables: the table is the daemon's own, so what an earlier configuration left goes. The
        // IPVS table is shared with other tools: as keepalived, touch only the configured services.
        if (backend is NftablesBackend
            && nativeIo.Ask<object>(new PruneForwarding(keys), AskTimeout).GetAwaiter().GetResult() is KernelWriteFailed failed)
            Log(system).Warning("reading back the kernel table failed: {0}", failed.Reason);

        var services = new LbServices
        {
            NativeIo = nativeIo,
            IsLocalAddress = IsLocalAddress,
            LogAllFailures = config.GlobalDefs.CheckerLogAllFailures,
        };
        var lb = watchdog.Ask<ChildStarted>(new StartChild(new ChildSpec(LbNames.Supervisor, LbTopology.Supervisor(config, services))), AskTimeout)
            .GetAwaiter().GetResult().Ref;
        Log(system).Info("{0} virtual_server, {1} kernel services, backend {2}", config.VirtualServer.Count, keys.Count, backend.Name);

        CoordinatedShutdown.Get(system).AddTask(CoordinatedShutdown.PhaseBeforeServiceUnbind, "lb-release", async () =>
        {
            try
            {
                var held = await HeldKeys(lb, keys);
                await lb.GracefulStop(TimeSpan.FromSeconds(3));
                if (!settings.DontReleaseIpvs)
                {
                    var reply = await nativeIo.Ask<object>(new UpdateForwarding(held, []), TimeSpan.FromSeconds(3));
                    Log(system).Info("virtual servers removed from the kernel table ({0})", reply.GetType().Name);
                    // lvs_flush_onstop: the rest of the IPVS table goes too, once native-io holds
                    // nothing of director's (so no repair puts anything back).
                    if (config.GlobalDefs.LvsFlushOnStop == LvsFlushOnStop.Full && backend is IpvsBackend ipvs)
                        FlushOnStop(system, ipvs);
                }
            }
            catch (Exception e) when (e is AskTimeoutException or TaskCanceledException)
            {
                Log(system).Warning("release did not finish in time: {0}", e.Message);
            }

            (backend as IDisposable)?.Dispose();
            return Akka.Done.Instance;
        });
    }

    /// <summary>A reload may have added virtual servers since the start: what lb holds now, with what it started with.</summary>
    private static async Task<IReadOnlyList<VirtualServiceKey>> HeldKeys(IActorRef lb, IReadOnlyList<VirtualServiceKey> atStart)
    {
        try
        {
            var current = await lb.Ask<LbConfiguration>(GetLbConfiguration.Instance, TimeSpan.FromSeconds(2));
            return atStart.Union(LbTopology.ConfiguredKeys(current.Config)).ToArray();
        }
        catch (Exception e) when (e is AskTimeoutException or TaskCanceledException)
        {
            return atStart;
        }
    }

    private static bool IsLocalAddress(IPAddress address) =>
        NetworkInterface.GetAllNetworkInterfaces()
            .SelectMany(i => i.GetIPProperties().UnicastAddresses)
            .Any(a => a.Address.Equals(address));
}
