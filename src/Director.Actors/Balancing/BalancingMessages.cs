using Director.Core.Balancing;
using Director.Core.Config.Model;

namespace Director.Actors.Balancing;

/// <summary>A real server checker (re)started and asks its virtual server for the last known health.</summary>
public sealed record RealServerCheckerStarted(RealServerAddress RealServer);

/// <summary>Start (or resume) checking, assuming <see cref="Known"/> until the first outcomes say otherwise.</summary>
public sealed record StartChecks(RealServerHealth Known);

/// <summary>Stop checking and keep the state (ha_suspend while the VIP is elsewhere).</summary>
public sealed record SuspendChecks
{
    public static readonly SuspendChecks Instance = new();
}

/// <summary>A checker's transition: the real server's health (up/down, weight) changed.</summary>
public sealed record RealServerHealthReport(RealServerAddress RealServer, RealServerHealth Health);

/// <summary>ha_suspend: whether the virtual server's address is on this host.</summary>
public sealed record VipPresenceChanged(bool Present);

/// <summary>Asks a virtual server actor for its state; answered with <see cref="VirtualServerStatus"/>.</summary>
public sealed record GetVirtualServerStatus
{
    public static readonly GetVirtualServerStatus Instance = new();
}

/// <param name="Health">Each real server's last known health, by "IP:PORT".</param>
/// <param name="Restarts">Checker restarts, by child name.</param>
/// <param name="Services">The services as last sent to native-io.</param>
public sealed record VirtualServerStatus(
    string Name,
    bool QuorumUp,
    bool Suspended,
    IReadOnlyDictionary<string, RealServerHealth> Health,
    IReadOnlyDictionary<string, int> Restarts,
    IReadOnlyList<VirtualService> Services)
{
    /// <summary>Operator weight overrides (drain = 0), by "IP:PORT".</summary>
    public IReadOnlyDictionary<string, int> Overrides { get; init; } = new Dictionary<string, int>();
}
