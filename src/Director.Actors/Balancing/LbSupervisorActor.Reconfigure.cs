using Akka.Actor;
using Akka.Event;
using Director.Actors.Native;
using Director.Core.Config.Model;

namespace Director.Actors.Balancing;

/// <summary>Applies a new configuration (a reload) to the load-balancing side; the reply lists the changes.</summary>
public sealed record ReconfigureLb(KeepalivedConfig Config);

public sealed record LbReconfigured(IReadOnlyList<string> Changes);

/// <summary>Asks lb for the configuration it runs now (the last reload's, else the start's).</summary>
public sealed record GetLbConfiguration
{
    public static readonly GetLbConfiguration Instance = new();
}

public sealed record LbConfiguration(KeepalivedConfig Config);

public sealed partial class LbSupervisorActor
{
    public IStash Stash { get; set; } = null!;

    /// <summary>Virtual servers a reload removed: once their actor has stopped, their kernel services go.</summary>
    private readonly Dictionary<IActorRef, IReadOnlyList<Core.Balancing.VirtualServiceKey>> _removing = [];

    private void ReceiveReconfiguration()
    {
        Receive<ReconfigureLb>(Reconfigure);
        Receive<GetLbConfiguration>(_ => Sender.Tell(new LbConfiguration(_config)));
        Receive<Terminated>(t =>
        {
            if (!_removing.Remove(t.ActorRef, out var keys)) return;
            _services.NativeIo.Tell(new UpdateForwarding(keys, []), Self);
            Stash.UnstashAll();
        });
        Receive<KernelWriteSucceeded>(_ => { });
        Receive<KernelWriteFailed>(f => _log.Warning("lb reload: removing a virtual server from the kernel failed: {0}", f.Reason));
    }

    /// <summary>Unchanged virtual servers are not told anything: their actors, checkers and kernel entries stay.</summary>
    private void Reconfigure(ReconfigureLb message)
    {
        var diff = LbConfigDiff.VirtualServers(_config, message.Config);
        // Removed by the previous reload and added back before its actor stopped: the name is still
        // taken and its kernel services are about to be removed; apply this once that is done.
        if (diff.Added.Any(a => _removing.Keys.Any(r => r.Path.Name == a.Name)))
        {
            Stash.Stash();
            return;
        }

        var changes = LbConfigDiff.Describe(diff);
        foreach (var change in changes)
            _log.Info("lb reload: {0}", change);

        foreach (var removed in diff.Removed)
        {
            _configured.Remove(removed.Name);
            if (!_children.Remove(removed.Name, out var child)) continue;
            _removing[child] = LbTopology.ConfiguredKeys(_config with { VirtualServer = new[] { removed.Server } });
            Context.Watch(child);
            Context.Stop(child);
        }
        foreach (var (_, after) in diff.Changed)
        {
            _configured[after.Name] = after.Server;
            if (_children.TryGetValue(after.Name, out var child))
                child.Tell(new UpdateVirtualServer(message.Config, after.Server));
        }
        foreach (var added in diff.Added)
        {
            _configured[added.Name] = added.Server;
            _children[added.Name] = Context.ActorOf(VirtualServerActor.Props(message.Config, added.Server, _services), added.Name);
        }

        _config = message.Config;
        _current.Value = message.Config;
        _log.Info("lb reload: {0} virtual servers ({1} unchanged)", _children.Count, diff.Unchanged.Count);
        Sender.Tell(new LbReconfigured(changes));
    }
}
