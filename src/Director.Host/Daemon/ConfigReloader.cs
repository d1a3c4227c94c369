using System.Diagnostics;
using System.Runtime.InteropServices;
using Akka.Actor;
using Akka.Hosting;
using Director.Actors.Balancing;
using Director.Actors.Native;
using Director.Actors.State;
using Director.Actors.Supervision;
using Director.Actors.Vrrp;
using Director.Core.Config.Binding;
using Director.Core.Config.Model;
using Director.Core.Config.Reload;
using Director.Host.Commands;
using Director.Host.Management;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Director.Host.Daemon;

/// <summary>The configuration a daemon runs and how to read it again (and its operations settings, only compared).</summary>
public sealed record ReloadSource(KeepalivedConfig Initial, DaemonSettings Settings, Func<ConfigLoadResult> Load)
{
    public OpsSettings? Ops { get; init; }

    /// <summary>Reads the operations settings again; throws <see cref="OpsSettingsException"/> when they are not valid.</summary>
    public Func<OpsSettings>? LoadOps { get; init; }
}

/// <summary>
/// Reload that never harms (SIGHUP, POST /reload): the configuration is read again; with errors
/// they are logged (file:line) and nothing changes; otherwise only what differs is applied by the
/// vrrp and lb supervisors. global_defs cannot change at run time: a change there is logged as
/// needing a restart and the running values stay. One reload at a time.
/// </summary>
public sealed class ConfigReloader(ReloadSource source, ActorSystem system, ActorRegistry registry, ILogger<ConfigReloader> logger) : IHostedService, IDisposable
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(60);
    private readonly SemaphoreSlim _one = new(1, 1);
    private KeepalivedConfig _current = source.Initial;
    private PosixSignalRegistration? _hangup;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _hangup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, context =>
        {
            context.Cancel = true;
            logger.LogInformation("SIGHUP: reloading the configuration");
            _ = Task.Run(() => ReloadAsync(CancellationToken.None));
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose()
    {
        _hangup?.Dispose();
        _one.Dispose();
    }

    public async Task<ReloadOutcome> ReloadAsync(CancellationToken ct)
    {
        await _one.WaitAsync(ct).ConfigureAwait(false);
        var clock = Stopwatch.StartNew();
        try
        {
            var outcome = await ApplyAsync(clock).ConfigureAwait(false);
            if (outcome.Ok)
                logger.LogInformation("reload: done in {Elapsed:0.0} ms: {Count} changes", outcome.ElapsedMs, outcome.Changes.Count);
            else
                logger.LogError("reload: refused ({Count} errors); the running configuration is unchanged", outcome.Errors.Count);
            return outcome;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Whatever went wrong (an ask timed out, a supervisor is gone), the answer says so and the daemon runs on.
            logger.LogError(e, "reload: failed part way: {Error}", e.Message);
            return new ReloadOutcome(false, [], [$"reload failed part way: {e.Message}"], clock.Elapsed.TotalMilliseconds);
        }
        finally
        {
            _one.Release();
        }
    }

    private async Task<ReloadOutcome> ApplyAsync(Stopwatch clock)
    {
        ConfigLoadResult loaded;
        try
        {
            loaded = source.Load();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger.LogError("reload: cannot read the configuration: {Error}", e.Message);
            return new ReloadOutcome(false, [], [$"cannot read the configuration: {e.Message}"], clock.Elapsed.TotalMilliseconds);
        }
        foreach (var warning in loaded.Diagnostics.Where(d => !d.IsError))
            logger.LogWarning("reload: {Diagnostic}", DiagnosticPrinter.Relative(warning).ToString());
        if (loaded.HasErrors || loaded.Config is null)
        {
            var errors = loaded.Diagnostics.Where(d => d.IsError).Select(d => DiagnosticPrinter.Relative(d).ToString()).ToList();
            if (errors.Count == 0) errors.Add("the configuration could not be loaded");
            foreach (var error in errors)
                logger.LogError("reload: {Error}", error);
            return new ReloadOutcome(false, [], errors, clock.Elapsed.TotalMilliseconds);
        }

        var changes = new List<string>();
        if (source.Ops is { } runningOps && source.LoadOps is { } loadOps)
        {
            OpsSettings nextOps;
            try
            {
                nextOps = loadOps();
            }
            catch (OpsSettingsException e)
            {
                logger.LogError("reload: {Error}", e.Message);
                return new ReloadOutcome(false, [], [e.Message], clock.Elapsed.TotalMilliseconds);
            }
            foreach (var section in OpsSettingsChanges.Between(runningOps, nextOps))
            {
                changes.Add($"{section} changed: needs a restart; the running values stay");
                logger.LogWarning("reload: {Section} changed: needs a restart; the running values stay", section);
            }
        }

        var next = loaded.Config;
        if (!next.GlobalDefs.Equals(_current.GlobalDefs))
        {
            var properties = string.Join(", ", RecordChanges.Properties(_current.GlobalDefs, next.GlobalDefs));
            changes.Add($"global_defs changed ({properties}): needs a restart; the running values stay");
            logger.LogWarning("reload: global_defs changed ({Properties}): needs a restart; the running values stay", properties);
            next = next with { GlobalDefs = _current.GlobalDefs };
        }

        var watchdog = registry.Get<WatchdogKey>();
        if (source.Settings.RunVrrp)
            changes.AddRange(await ReloadVrrpAsync(watchdog, next).ConfigureAwait(false));
        if (source.Settings.RunChecks)
            changes.AddRange(await ReloadLbAsync(watchdog, next).ConfigureAwait(false));
        _current = next;
        foreach (var change in changes)
            logger.LogInformation("reload: {Change}", change);
        return new ReloadOutcome(true, changes, [], clock.Elapsed.TotalMilliseconds);
    }

    private async Task<IReadOnlyList<string>> ReloadVrrpAsync(IActorRef watchdog, KeepalivedConfig next)
    {
        var vrrp = await ChildAsync(watchdog, VrrpSupervisorActor.Name).ConfigureAwait(false);
        var nativeIo = await ChildAsync(watchdog, "native-io").ConfigureAwait(false);
        if (vrrp is null || nativeIo is null)
            return ["vrrp: not running; the VRRP configuration is not applied"];
        var interfaces = new NetlinkInterfaceDirectory();
        var releaseOnStop = !source.Settings.DontReleaseVrrp;
        var before = VrrpTopologyBuilder.Build(_current, interfaces, releaseOnStop);
        var after = VrrpTopologyBuilder.Build(next, interfaces, releaseOnStop);
        var oldVmacs = Vmacs(before);
        var newVmacs = Vmacs(after);
        foreach (var vmac in newVmacs.Where(v => !oldVmacs.Contains(v)))
            await WriteAsync(nativeIo, new CreateVmac(vmac)).ConfigureAwait(false);
        var reply = await vrrp.Ask<VrrpReconfigured>(new ReconfigureVrrp(after), AskTimeout).ConfigureAwait(false);
        if (reply.Applied)
        {
            foreach (var vmac in oldVmacs.Where(v => !newVmacs.Contains(v)))
                await WriteAsync(nativeIo, new DeleteVmac(vmac.Name)).ConfigureAwait(false);
        }
        return reply.Changes;
    }

    /// <summary>The daemon started without virtual servers: load balancing starts now, as it would have at start.</summary>
    private async Task<IReadOnlyList<string>> StartLbAsync(IActorRef watchdog, KeepalivedConfig next)
    {
        var nativeIo = await ChildAsync(watchdog, "native-io").ConfigureAwait(false);
        if (nativeIo is null) return ["load balancing: native-io is not running; the virtual servers are not applied"];
        var started = await Task.Run(() => LbWiring.StartLate(system, next, source.Settings, watchdog, nativeIo)).ConfigureAwait(false);
        if (started is null) return ["load balancing could not start (see the log); the virtual servers are not applied"];
        if (registry.TryGet<StateActorKey>(out var state))
            state.Tell(new LoadBalancingStarted(started.Value.Lb, started.Value.Backend));
        return [$"load balancing started: {next.VirtualServer.Count} virtual_server added (backend {started.Value.Backend})"];
    }

    private async Task<IReadOnlyList<string>> ReloadLbAsync(IActorRef watchdog, KeepalivedConfig next)
    {
        var lb = await ChildAsync(watchdog, LbNames.Supervisor).ConfigureAwait(false);
        if (lb is null)
            return next.VirtualServer.Count == 0 ? [] : await StartLbAsync(watchdog, next).ConfigureAwait(false);
        var reply = await lb.Ask<LbReconfigured>(new ReconfigureLb(next), AskTimeout).ConfigureAwait(false);
        return reply.Changes;
    }

    private static HashSet<VmacSpec> Vmacs(VrrpTopology topology) =>
        topology.Instances.Select(i => i.Vmac).OfType<VmacSpec>().ToHashSet();

    private async Task WriteAsync(IActorRef nativeIo, KernelCommand command)
    {
        if (await nativeIo.Ask<object>(command, AskTimeout).ConfigureAwait(false) is KernelWriteFailed failed)
            logger.LogWarning("reload: {Command} failed: {Reason}", command.Kind, failed.Reason);
    }

    private static async Task<IActorRef?> ChildAsync(IActorRef supervisor, string name) =>
        await supervisor.Ask<object>(new GetChild(name), TimeSpan.FromSeconds(10)).ConfigureAwait(false) is ChildStarted started ? started.Ref : null;
}
