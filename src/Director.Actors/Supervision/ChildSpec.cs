using Akka.Actor;

namespace Director.Actors.Supervision;

/// <summary>A child a supervisor creates and keeps alive: its actor name and how to build it.</summary>
public sealed record ChildSpec(string Name, Props Props);
