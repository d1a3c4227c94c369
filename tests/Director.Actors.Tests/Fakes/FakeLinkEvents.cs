using Director.Actors.Links;

namespace Director.Actors.Tests.Fakes;

/// <summary>A link source the test drives by hand.</summary>
public sealed class FakeLinkEvents(IReadOnlyDictionary<string, bool> initial) : ILinkEvents
{
    private readonly object _gate = new();
    private readonly Dictionary<string, bool> _states = new(initial, StringComparer.Ordinal);
    private readonly List<Action<LinkEvent>> _handlers = [];

    public int Subscribers
    {
        get
        {
            lock (_gate)
                return _handlers.Count;
        }
    }

    public IReadOnlyDictionary<string, bool> CurrentStates()
    {
        lock (_gate)
            return new Dictionary<string, bool>(_states, StringComparer.Ordinal);
    }

    public IDisposable Subscribe(Action<LinkEvent> onEvent)
    {
        lock (_gate)
            _handlers.Add(onEvent);
        return new Unsubscriber(this, onEvent);
    }

    public void Set(string interfaceName, bool up)
    {
        Action<LinkEvent>[] handlers;
        lock (_gate)
        {
            _states[interfaceName] = up;
            handlers = _handlers.ToArray();
        }
        foreach (var h in handlers)
            h(new LinkEvent(interfaceName, up));
    }

    private sealed class Unsubscriber(FakeLinkEvents owner, Action<LinkEvent> handler) : IDisposable
    {
        public void Dispose()
        {
            lock (owner._gate)
                owner._handlers.Remove(handler);
        }
    }
}
