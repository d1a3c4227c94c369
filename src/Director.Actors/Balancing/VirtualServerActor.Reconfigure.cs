using Akka.Actor;
using Director.Actors.Native;
using Director.Core.Balancing;
using Director.Core.Balancing.Policy;
using Director.Core.Config.Model;

namespace Director.Actors.Balancing;

/// <summary>A reload changed this virtual server (same actor name): apply it in place. Also what a restart of the actor starts from.</summary>
public sealed record UpdateVirtualServer(KeepalivedConfig Config, VirtualServer Server);

public sealed partial class VirtualServerActor
{
    /// <summary>Checkers stopping: once stopped, the replacement (same name) starts, if any.</summary>
    private readonly Dictionary<IActorRef, (string Name, RealServer? Server)> _replacing = [];

    public IStash Stash { get; set; } = null!;

    private static IReadOnlyList<VirtualServiceKey> KeysOf(KeepalivedConfig config, VirtualServer vs) =>
        DesiredTableBuilder.From(config with { VirtualServer = new[] { vs } }, _ => RealServerHealth.Up).Services.Keys.ToArray();

    private void ReceiveReconfiguration()
    {
        Receive<UpdateVirtualServer>(Reconfigure);
        Receive<Terminated>(t =>
        {
            if (!_replacing.Remove(t.ActorRef, out var next)) return;
            if (next.Server is not null) StartChecker(next.Name, next.Server);
            Stash.UnstashAll();
        });
    }

    /// <summary>
    /// Unchanged real servers keep their checker actors and known health; removed ones stop;
    /// added ones start; changed ones (their block, or what their checks read from the virtual
    /// server) restart from their known health. The kernel gets the new services in one update,
    /// which also removes services this virtual server no longer has (a group that shrank).
    /// </summary>
    private void Reconfigure(UpdateVirtualServer update)
    {
        var diff = LbConfigDiff.RealServers(_vs, update.Server);
        // A real server removed by the previous reload and added back before its checker stopped:
        // the checker's name is still taken; apply this once it is free.
        if (diff.Added.Any(a => _replacing.Values.Any(r => r.Name == LbNames.RealServer(a.Address))))
        {
            Stash.Stash();
            return;
        }

        // From here on a restart (even one caused by this update) starts from the new configuration.
        _applied.Value = update;
        foreach (var removed in diff.Removed)
            StopChecker(removed.Address, null);
        foreach (var (before, after) in diff.Changed)
            StopChecker(before.Address, after);

        var wasSuspending = _vs.HaSuspend;
        var initial = VirtualServerPolicy.Start(update.Server).State;
        var health = initial.Health.ToDictionary(kv => kv.Key, kv => _state.Health.TryGetValue(kv.Key, out var known) ? known : kv.Value);
        var step = VirtualServerPolicy.OnReconfigured(update.Server, _state with { Health = System.Collections.Immutable.ImmutableDictionary.CreateRange(health) });
        var oldKeys = _keys;
        _config = update.Config;
        _vs = update.Server;
        _keys = KeysOf(update.Config, update.Server);
        _state = step.State;
        Run(step.Effects);

        foreach (var added in diff.Added)
            StartChecker(LbNames.RealServer(added.Address), added);
        if (_vs.HaSuspend != wasSuspending)
        {
            if (_vs.HaSuspend && _services.IsLocalAddress is not null && _vs.Address is IpPortAddress)
                Timers.StartPeriodicTimer("vip", PollVip.Instance, _services.PollInterval);
            else
                Timers.Cancel("vip");
            OnVipPresence(_vs.Address is IpPortAddress ip && _services.IsLocalAddress is { } isLocal ? isLocal(ip.Ip) : true);
        }

        var services = VirtualServerPolicy.Services(_config, _vs, _state);
        _sent = services;
        _services.NativeIo.Tell(new UpdateForwarding(oldKeys.Union(_keys).ToArray(), services), Self);
    }

    private void StopChecker(RealServerAddress address, RealServer? replacement)
    {
        if (!_children.Remove(address, out var child)) return;
        var name = child.Path.Name;
        _childServers.Remove(name);
        Context.Watch(child);
        _replacing[child] = (name, replacement);
        Context.Stop(child);
    }

    private void StartChecker(string name, RealServer server)
    {
        _childServers[name] = server;
        _children[server.Address] = Context.ActorOf(RealServerCheckerActor.Props(server, _vs, _services), name);
    }
}
