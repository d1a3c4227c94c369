using Akka.Actor;
using Akka.Event;

namespace Director.Actors.Links;

/// <summary>
/// <c>link-monitor</c>: turns an <see cref="ILinkEvents"/> source into <see cref="LinkStateChanged"/>
/// messages for subscribers. Only real changes are published (a repeated "up" is dropped).
/// </summary>
public sealed class LinkMonitorActor : ReceiveActor
{
    public const string Name = "link-monitor";

    private readonly ILinkEvents _source;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Dictionary<string, bool> _states = new(StringComparer.Ordinal);
    private readonly Dictionary<IActorRef, IReadOnlyList<string>> _subscribers = [];
    private IDisposable? _subscription;

    public LinkMonitorActor(ILinkEvents source)
    {
        _source = source;
        Receive<LinkEvent>(OnLinkEvent);
        Receive<SubscribeLinks>(Subscribe);
        Receive<UnsubscribeLinks>(m =>
        {
            _subscribers.Remove(m.Subscriber);
            Context.Unwatch(m.Subscriber);
        });
        Receive<Terminated>(t => _subscribers.Remove(t.ActorRef));
        Receive<GetLinkStates>(_ => Sender.Tell(new LinkStates(new Dictionary<string, bool>(_states, StringComparer.Ordinal))));
    }

    public static Props Props(ILinkEvents source) => Akka.Actor.Props.Create(() => new LinkMonitorActor(source));

    protected override void PreStart()
    {
        // Subscribe first, then read the current states: a change in between is seen twice at
        // worst (and then dropped as a repeat), never missed.
        var self = Self;
        _subscription = _source.Subscribe(e => self.Tell(e));
        foreach (var (name, up) in _source.CurrentStates())
            _states[name] = up;
    }

    protected override void PostStop() => _subscription?.Dispose();

    private void OnLinkEvent(LinkEvent e)
    {
        if (_states.TryGetValue(e.Interface, out var known) && known == e.Up)
            return;
        _states[e.Interface] = e.Up;
        _log.Info("Link {Interface} is {LinkState}", e.Interface, e.Up ? "UP" : "DOWN");
        var message = new LinkStateChanged(e.Interface, e.Up);
        foreach (var (subscriber, filter) in _subscribers)
        {
            if (filter.Count == 0 || filter.Contains(e.Interface, StringComparer.Ordinal))
                subscriber.Tell(message);
        }
    }

    private void Subscribe(SubscribeLinks m)
    {
        _subscribers[m.Subscriber] = m.Interfaces;
        Context.Watch(m.Subscriber);
        foreach (var (name, up) in _states)
        {
            if (m.Interfaces.Count == 0 || m.Interfaces.Contains(name, StringComparer.Ordinal))
                m.Subscriber.Tell(new LinkStateChanged(name, up));
        }
    }
}
