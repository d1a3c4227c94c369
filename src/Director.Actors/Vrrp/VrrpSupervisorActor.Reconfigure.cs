using System.Net.Sockets;
using Akka.Actor;
using Akka.Event;
using Director.Actors.Supervision;
using Director.Native.Sockets;

namespace Director.Actors.Vrrp;

/// <summary>Applies a new topology (a reload): only what differs stops and starts; the reply lists the changes.</summary>
public sealed record ReconfigureVrrp(VrrpTopology Topology);

public sealed record VrrpReconfigured(bool Applied, IReadOnlyList<string> Changes);

/// <summary>Asks the vrrp supervisor for the topology it runs now (the last reload's, else the start's); answered with a <see cref="VrrpTopology"/>.</summary>
public sealed record GetVrrpTopology
{
    public static readonly GetVrrpTopology Instance = new();
}

public sealed partial class VrrpSupervisorActor
{
    private static readonly TimeSpan RetireLimit = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Phase one retires what goes (instances removed or changed release first, as at stop;
    /// scripts, sync groups and sockets no instance uses any more); once all of it has stopped,
    /// phase two starts what comes. Unchanged instances, their receivers and sockets are never
    /// touched; instances updated in place get their new settings at once and keep running.
    /// </summary>
    private void Reconfigure(ReconfigureVrrp message)
    {
        var requester = Sender;
        var next = message.Topology;
        var diff = VrrpTopologyDiff.Of(_topology, next);
        var changes = diff.Describe();
        foreach (var problem in next.Problems)
            _log.Warning("vrrp: {Problem}", problem);
        foreach (var change in changes)
            _log.Info("vrrp reload: {Change}", change);

        var waiting = new HashSet<IActorRef>();
        var socketsToClose = new Dictionary<IActorRef, (string, AddressFamily)>();
        foreach (var instance in diff.Instances.Removed.Concat(diff.Instances.Changed.Select(c => c.Before)))
        {
            if (!_instances.Remove(instance.Name, out var actor)) continue;
            if (_receivers.TryGetValue(SocketKey(instance), out var receiver))
                receiver.Tell(new UnregisterVrid(instance.Machine.Vrid, actor));
            Context.Watch(actor);
            actor.Tell(ReleaseVrrp.Instance);
            waiting.Add(actor);
        }
        foreach (var update in diff.InPlace)
        {
            if (_instances.TryGetValue(update.After.Name, out var actor))
                actor.Tell(new UpdateVrrpInstance(update));
        }
        Retire(_scripts, diff.Scripts.Removed.Concat(diff.Scripts.Changed.Select(c => c.Before)).Select(s => s.Name), waiting);
        Retire(_groups, diff.SyncGroups.Removed.Concat(diff.SyncGroups.Changed.Select(c => c.Before)).Select(g => g.Name), waiting);
        var keep = next.Instances.Select(SocketKey).ToHashSet();
        foreach (var (key, receiver) in _receivers.Where(r => !keep.Contains(r.Key)).ToList())
        {
            _receivers.Remove(key);
            Context.Watch(receiver);
            Context.Stop(receiver);
            waiting.Add(receiver);
            socketsToClose[receiver] = key;
        }

        _topology = next;
        _current.Value = next;
        void Finish()
        {
            StartActors(
                diff.Scripts.Added.Concat(diff.Scripts.Changed.Select(c => c.After)),
                diff.SyncGroups.Added.Concat(diff.SyncGroups.Changed.Select(c => c.After)),
                diff.Instances.Added.Concat(diff.Instances.Changed.Select(c => c.After)));
            _log.Info("vrrp reload: {0} instances ({1} unchanged, {2} updated in place), {3} sockets",
                _instances.Count, diff.Instances.Unchanged.Count, diff.InPlace.Count, _sockets.Count);
            requester.Tell(new VrrpReconfigured(true, changes));
            Become(Running);
            Stash.UnstashAll();
        }

        if (waiting.Count == 0)
        {
            Finish();
            return;
        }

        var deadline = Context.System.Scheduler.ScheduleTellOnceCancelable(RetireLimit, Self, RetireOverdue.Instance, Self);
        Become(() =>
        {
            Receive<Terminated>(t =>
            {
                if (!waiting.Remove(t.ActorRef)) return;
                if (socketsToClose.Remove(t.ActorRef, out var key) && _sockets.Remove(key, out var socket))
                    socket.Dispose();
                if (waiting.Count > 0) return;
                deadline.Cancel();
                Finish();
            });
            Receive<RetireOverdue>(_ =>
            {
                _log.Warning("vrrp reload: {0} actors still stopping after {1} s; stopping them now", waiting.Count, RetireLimit.TotalSeconds);
                foreach (var actor in waiting)
                    Context.Stop(actor);
            });
            Receive<VrrpReleased>(_ => { });
            Receive<GetVrrpInstanceStatus>(_ => AskAll(Sender));
            Receive<GetReceiverStatus>(_ => AskReceivers(Sender));
            ReceiveAny(_ => Stash.Stash());
        });
    }

    private static void Retire(Dictionary<string, IActorRef> actors, IEnumerable<string> names, HashSet<IActorRef> waiting)
    {
        foreach (var name in names)
        {
            if (!actors.Remove(name, out var actor)) continue;
            Context.Watch(actor);
            Context.Stop(actor);
            waiting.Add(actor);
        }
    }

    private sealed record RetireOverdue
    {
        public static readonly RetireOverdue Instance = new();
    }
}
