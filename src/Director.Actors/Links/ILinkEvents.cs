namespace Director.Actors.Links;

/// <summary>A link (interface) went up or down.</summary>
public sealed record LinkEvent(string Interface, bool Up);

/// <summary>
/// Where link up/down events come from (rtnetlink RTM_NEWLINK/RTM_DELLINK in production).
/// <see cref="Subscribe"/> calls <paramref name="onEvent"/> for each change from any thread until
/// the returned handle is disposed; <see cref="CurrentStates"/> gives the state at subscription.
/// </summary>
public interface ILinkEvents
{
    IReadOnlyDictionary<string, bool> CurrentStates();

    IDisposable Subscribe(Action<LinkEvent> onEvent);
}
