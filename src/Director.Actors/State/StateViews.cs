namespace Director.Actors.State;

// Plain data with strings and numbers only: these records cross the cluster (Akka's JSON
// serializer) and the management endpoint (System.Text.Json) unchanged.

/// <summary>One VRRP instance as an operator sees it.</summary>
public sealed record VrrpInstanceView(
    string Name,
    string Interface,
    string State,
    int Priority,
    int BasePriority,
    string? Master,
    IReadOnlyList<string> Vips,
    long AdvertsSent,
    long AdvertsReceived,
    IReadOnlyDictionary<string, long> Drops,
    int Transitions)
{
    /// <summary>Transitions into MASTER seen by the `state` actor since it started (keepalived's "Became master").</summary>
    public long BecameMaster { get; init; }

    /// <summary>Transitions out of MASTER seen by the `state` actor since it started (keepalived's "Released master").</summary>
    public long ReleasedMaster { get; init; }
}

/// <summary>One VRRP state change, as published on the event stream.</summary>
public sealed record TransitionView(string Instance, string From, string To, int Priority, DateTimeOffset At);

/// <summary>
/// One virtual server with its real servers. Extension point: the load-balancing side answers
/// <see cref="GetVirtualServerViews"/> with a list of these (see <see cref="StateSources.VirtualServers"/>).
/// </summary>
public sealed record VirtualServerView(string Name, string Protocol, string Scheduler, IReadOnlyList<RealServerView> RealServers);

public sealed record RealServerView(string Address, bool Healthy, int Weight, long ActiveConnections)
{
    /// <summary>Connections not ESTABLISHED that the data plane still holds (IPVS's InActConn; 0 on nftables).</summary>
    public long InactiveConnections { get; init; }

    /// <summary>The operator's weight (`director drain` = 0, `director weight`); null when none is set.</summary>
    public int? OperatorWeight { get; init; }
}

/// <summary>Kernel writes done by native-io (netlink today, the data plane later).</summary>
public sealed record KernelWritesView(long Writes, long Failures, double MeanLatencySeconds, double LastLatencySeconds, double TotalLatencySeconds, int Pending)
{
    /// <summary>Times the forwarding table was restored after another process changed it.</summary>
    public long ForwardingRepairs { get; init; }

    /// <summary>Times the VIP drop table was restored after another process changed it.</summary>
    public long FirewallRepairs { get; init; }
}

/// <summary>Everything one director reports about itself.</summary>
/// <param name="Node">The director's name (router_id or host name).</param>
/// <param name="Address">Its Akka address ("local" without a cluster).</param>
/// <param name="DataPlane">The data-plane backend ("none" until load balancing is wired).</param>
public sealed record DirectorState(
    string Node,
    string Address,
    DateTimeOffset At,
    bool VrrpRunning,
    IReadOnlyList<VrrpInstanceView> VrrpInstances,
    string DataPlane,
    IReadOnlyList<VirtualServerView> VirtualServers,
    KernelWritesView? KernelWrites,
    IReadOnlyList<TransitionView> RecentTransitions,
    IReadOnlyList<string> Problems)
{
    /// <summary>The VRRP sockets: datagrams dropped before any instance (foreign VRID, unreadable).</summary>
    public IReadOnlyList<ReceiverView> Receivers { get; init; } = [];
}

/// <summary>One VRRP socket (one per interface and family).</summary>
public sealed record ReceiverView(string Interface, long Received, long ForeignVrid, long Unreadable);

/// <summary>One cluster member as a cluster-wide query found it.</summary>
/// <param name="Reachable">False when the cluster marks it unreachable (then <paramref name="State"/> is null).</param>
/// <param name="Error">Why <paramref name="State"/> is missing for a reachable member (no answer in time).</param>
public sealed record DirectorReport(string Address, string Status, bool Reachable, DirectorState? State, string? Error);

/// <summary>The answer to <see cref="GetClusterState"/>: every director of the deployment.</summary>
public sealed record ClusterStateView(bool ClusterEnabled, string? Leader, IReadOnlyList<DirectorReport> Directors);

/// <summary>Completed runs of one checker of one real server.</summary>
/// <param name="LatencyBuckets">Cumulative counts per bound of <see cref="HealthCheckStatistics.LatencyBuckets"/>.</param>
public sealed record CheckStatsView(
    string VirtualServer, string RealServer, string Checker, long Succeeded, long Failed, double LatencySumSeconds, IReadOnlyList<long> LatencyBuckets);

/// <summary>How often a real server went up and down since start.</summary>
public sealed record RealServerTransitionsView(string VirtualServer, string RealServer, long Up, long Down);

/// <summary>The answer to <see cref="GetHealthCheckMetrics"/>: this director's check counters.</summary>
public sealed record HealthCheckMetrics(IReadOnlyList<CheckStatsView> Checks, IReadOnlyList<RealServerTransitionsView> RealServerTransitions);
