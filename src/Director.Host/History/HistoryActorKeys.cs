namespace Director.Host.History;

/// <summary>Akka.Hosting registry key of the <c>history</c> actor.</summary>
public sealed class HistoryActorKey;

/// <summary>Akka.Hosting registry key of the <c>overrides</c> actor.</summary>
public sealed class OverridesActorKey;
