namespace Director.Actors.State;

/// <summary>Asks a `state` actor about its own director; answered with <see cref="DirectorState"/>.</summary>
public sealed record GetDirectorState
{
    public static readonly GetDirectorState Instance = new();
}

/// <summary>Asks a `state` actor about every director of the cluster; answered with <see cref="ClusterStateView"/>.</summary>
public sealed record GetClusterState
{
    public static readonly GetClusterState Instance = new();
}

/// <summary>
/// What the `state` actor asks <see cref="StateSources.VirtualServers"/>; the answer is an
/// <c>IReadOnlyList&lt;VirtualServerView&gt;</c>.
/// </summary>
public sealed record GetVirtualServerViews
{
    public static readonly GetVirtualServerViews Instance = new();
}

/// <summary>Asks the `state` actor for its director's check counters; answered with <see cref="HealthCheckMetrics"/>.</summary>
public sealed record GetHealthCheckMetrics
{
    public static readonly GetHealthCheckMetrics Instance = new();
}

/// <summary>Tells the `state` actor that load balancing started after it (a reload added the first virtual_server).</summary>
public sealed record LoadBalancingStarted(Akka.Actor.IActorRef Lb, string DataPlane);
