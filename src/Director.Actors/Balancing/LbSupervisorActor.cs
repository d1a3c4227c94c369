using Akka.Actor;
using Akka.Event;
using Director.Actors.Native;
using Director.Actors.State;
using Director.Actors.Supervision;
using Director.Core.Config.Model;

namespace Director.Actors.Balancing;

/// <summary>
/// <c>lb</c>: supervises one <see cref="VirtualServerActor"/> per virtual_server (one-for-one,
/// counted; past the limit it escalates to the watchdog) and is the one address of the
/// load-balancing side: it answers <see cref="GetVirtualServerViews"/> for the `state` actor and
/// routes operator actions (<see cref="RealServerOverrideCommand"/>) to the virtual servers concerned,
/// answering once for all of them.
/// </summary>
public sealed partial class LbSupervisorActor : ReceiveActor, IWithUnboundedStash
{
    private static readonly TimeSpan ViewTimeout = TimeSpan.FromSeconds(2);

    private readonly SurvivingValue<KeepalivedConfig> _current;
    private KeepalivedConfig _config;
    private readonly LbServices _services;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly RestartLedger _ledger;
    private readonly Dictionary<string, VirtualServer> _configured = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IActorRef> _children = new(StringComparer.Ordinal);

    public LbSupervisorActor(SurvivingValue<KeepalivedConfig> config, LbServices services, RestartPolicy policy)
    {
        _current = config;
        _config = config.Value;
        _services = services;
        _ledger = new RestartLedger(policy);
        Receive<GetVirtualServerViews>(_ => Views().PipeTo(Sender));
        Receive<RealServerOverrideCommand>(Route);
        ReceiveReconfiguration();
        Receive<GetChild>(m => Sender.Tell(_children.TryGetValue(m.Name, out var child) ? new ChildStarted(m.Name, child) : new ChildNotFound(m.Name)));
        Receive<GetWatchdogStatus>(_ => Sender.Tell(new SupervisorStatus(Self.Path.Name,
            _children.Keys.Select(n => new ChildStatus(n, _ledger.Restarts(n), true, null)).ToArray())));
    }

    public static Props Props(KeepalivedConfig config, LbServices services, RestartPolicy? policy = null) =>
        Akka.Actor.Props.Create(() => new LbSupervisorActor(new SurvivingValue<KeepalivedConfig>(config), services, policy ?? SupervisorOf.MiddleLevelDefault));

    protected override void PreStart()
    {
        var names = LbNames.Unique(_config.VirtualServer.Select(LbNames.VirtualServer));
        for (var i = 0; i < names.Count; i++)
        {
            var vs = _config.VirtualServer[i];
            _configured[names[i]] = vs;
            _children[names[i]] = Context.ActorOf(VirtualServerActor.Props(_config, vs, _services), names[i]);
        }
    }

    protected override SupervisorStrategy SupervisorStrategy() =>
        new CountingRestartStrategy(_ledger, () => _services.Time.GetUtcNow(), _log, (_, _) => { });

    private void Route(RealServerOverrideCommand command)
    {
        var targets = _children
            .Where(c => command.VirtualServer is null || string.Equals(c.Key, command.VirtualServer, StringComparison.Ordinal))
            .Where(c => _configured[c.Key].RealServer.Any(r => command.RealServer.Matches(r.Address)))
            .ToList();
        if (targets.Count == 0)
        {
            Sender.Tell(new RealServerOverrideRejected(command, $"no virtual server has real server {command.RealServer}"
                + (command.VirtualServer is null ? "" : $" under {command.VirtualServer}")));
            return;
        }

        var replyTo = Sender;
        var self = Self;
        var asks = targets.Select(async t =>
        {
            try
            {
                return await t.Value.Ask<object>(command, ViewTimeout);
            }
            catch (Exception e) when (e is AskTimeoutException or TaskCanceledException)
            {
                return new RealServerOverrideRejected(command, $"{t.Key} did not answer");
            }
        }).ToList();
        Task.WhenAll(asks).ContinueWith(t => replyTo.Tell(Combine(command, t.Result), self), TaskScheduler.Default);
    }

    /// <summary>One answer for several virtual servers: applied where it could be, rejected if nowhere.</summary>
    private static object Combine(RealServerOverrideCommand command, IReadOnlyList<object> replies)
    {
        var applied = replies.OfType<RealServerOverrideApplied>().SelectMany(a => a.VirtualServers).Order(StringComparer.Ordinal).ToList();
        return applied.Count > 0
            ? new RealServerOverrideApplied(command, applied)
            : new RealServerOverrideRejected(command, string.Join("; ", replies.OfType<RealServerOverrideRejected>().Select(r => r.Reason)));
    }

    private Task<IReadOnlyList<VirtualServerView>> Views()
    {
        var connections = ActiveConnections(_services.NativeIo);
        var asks = _children.Select(async c =>
        {
            try
            {
                var status = await c.Value.Ask<VirtualServerStatus>(GetVirtualServerStatus.Instance, ViewTimeout);
                return LbViewMapping.ToView(_configured[c.Key], status, await connections);
            }
            catch (Exception e) when (e is AskTimeoutException or TaskCanceledException)
            {
                return LbViewMapping.Unanswered(c.Key, _configured[c.Key]);
            }
        }).ToList();
        return Task.WhenAll(asks).ContinueWith(
            t => (IReadOnlyList<VirtualServerView>)t.Result.OrderBy(v => v.Name, StringComparer.Ordinal).ToList(),
            TaskScheduler.Default);
    }

    private static async Task<ActiveConnectionsSnapshot> ActiveConnections(IActorRef nativeIo)
    {
        try
        {
            return await nativeIo.Ask<ActiveConnectionsSnapshot>(GetActiveConnections.Instance, ViewTimeout);
        }
        catch (Exception e) when (e is AskTimeoutException or TaskCanceledException)
        {
            return ActiveConnectionsSnapshot.None;
        }
    }
}
