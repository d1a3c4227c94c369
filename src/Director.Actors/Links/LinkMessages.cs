using Akka.Actor;

namespace Director.Actors.Links;

/// <summary>
/// Subscribes to link changes: for <see cref="Interfaces"/> only, or all when empty. The
/// subscriber gets the current state of each matching interface at once, then each change.
/// </summary>
public sealed record SubscribeLinks(IActorRef Subscriber, IReadOnlyList<string> Interfaces)
{
    public SubscribeLinks(IActorRef subscriber)
        : this(subscriber, [])
    {
    }
}

public sealed record UnsubscribeLinks(IActorRef Subscriber);

/// <summary>An interface went up or down (or its state at subscription).</summary>
public sealed record LinkStateChanged(string Interface, bool Up);

/// <summary>Asks for the known link states; answered with <see cref="LinkStates"/>.</summary>
public sealed record GetLinkStates
{
    public static readonly GetLinkStates Instance = new();
}

public sealed record LinkStates(IReadOnlyDictionary<string, bool> Links);
