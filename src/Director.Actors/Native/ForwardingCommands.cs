using Director.Core.Balancing;

namespace Director.Actors.Native;

/// <summary>
/// Makes the kernel hold <see cref="Services"/> in place of whatever it holds for <see cref="Keys"/>
/// (a virtual server's services; several for a group). native-io diffs the result against what
/// the kernel holds and applies it as one batch; an empty <see cref="Services"/> removes them.
/// </summary>
public sealed record UpdateForwarding(IReadOnlyList<VirtualServiceKey> Keys, IReadOnlyList<VirtualService> Services) : KernelCommand
{
    public override string Kind => "update-forwarding";

    public override string ToString() =>
        $"update-forwarding {string.Join(", ", Services.Select(s => $"{s.Key} [{string.Join(" ", s.Destinations.Select(d => $"{d.Key}w{d.Weight}"))}]"))}"
        + (Services.Count < Keys.Count ? $" (removing {Keys.Count - Services.Count})" : "");
}

/// <summary>
/// Reads back what the kernel holds and removes the services not named in <see cref="Keep"/>
/// (left by an earlier run with another configuration); the ones named are left for their virtual
/// servers to reconcile. Nothing is flushed.
/// </summary>
public sealed record PruneForwarding(IReadOnlyList<VirtualServiceKey> Keep) : KernelCommand
{
    public override string Kind => "prune-forwarding";
}

/// <summary>
/// Gives a native-io started without a data plane its forwarding backend (a reload added the first
/// virtual_server); answered with <see cref="ForwardingAttached"/>. A backend already there stays.
/// </summary>
public sealed record AttachForwarding(IForwardingBackend Backend);

/// <param name="Reason">Why it was not attached (null when it was).</param>
public sealed record ForwardingAttached(bool Attached, string? Reason);

/// <summary>Asks native-io for the forwarding table it last applied; answered with <see cref="ForwardingTableSnapshot"/>.</summary>
public sealed record GetForwardingTable
{
    public static readonly GetForwardingTable Instance = new();
}

/// <param name="Backend">"nftables", "ipvs", or null when native-io has no forwarding backend.</param>
public sealed record ForwardingTableSnapshot(string? Backend, DesiredTable Table);

/// <summary>
/// Re-slots the connection-aware services (lc, wlc, sed, nq) from live connection counts. native-io
/// sends it to itself at the rebalance interval while such a service is installed; it is counted
/// and serialized like every other kernel write.
/// </summary>
public sealed record RebalanceForwarding : KernelCommand
{
    public static readonly RebalanceForwarding Instance = new();

    public override string Kind => "rebalance-forwarding";
}
