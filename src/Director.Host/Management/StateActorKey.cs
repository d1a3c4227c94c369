namespace Director.Host.Management;

/// <summary>Akka.Hosting registry key of the `state` actor.</summary>
public sealed class StateActorKey;
