using Akka.Actor;

namespace Director.Actors.Supervision;

/// <summary>Asks a supervisor for its children; answered with <see cref="SupervisorStatus"/>.</summary>
public sealed record GetWatchdogStatus
{
    public static readonly GetWatchdogStatus Instance = new();
}

/// <summary>One child of a supervisor.</summary>
/// <param name="Running">False once the child was stopped for failing too often (or stopped itself).</param>
public sealed record ChildStatus(string Name, int Restarts, bool Running, string? LastFailure);

/// <summary>A supervisor's children in creation order.</summary>
public sealed record SupervisorStatus(string Supervisor, IReadOnlyList<ChildStatus> Children);

/// <summary>Asks a supervisor to create one more child; answered with <see cref="ChildStarted"/>.</summary>
public sealed record StartChild(ChildSpec Child);

/// <summary>The child now runs under the supervisor (or already did, with that name).</summary>
public sealed record ChildStarted(string Name, IActorRef Ref);

/// <summary>Asks a supervisor for a child's reference; answered with <see cref="ChildStarted"/> or <see cref="ChildNotFound"/>.</summary>
public sealed record GetChild(string Name);

public sealed record ChildNotFound(string Name);
