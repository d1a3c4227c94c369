using Director.Core.Balancing;
using Director.Core.Vrrp.Firewall;

namespace Director.Actors.Native;

/// <summary>
/// Director is stopping: native-io leaves the kernel alone from now on (no repair of tables others
/// change; a repair already running finishes). Answered with <see cref="RepairsStopped"/>.
/// </summary>
public sealed record StopRepairs
{
    public static readonly StopRepairs Instance = new();
}

public sealed record RepairsStopped
{
    public static readonly RepairsStopped Instance = new();
}

/// <summary>
/// Restores director's tables after another process changed them (or after lost notifications,
/// when any may have changed). Built by native-io itself, serialized with every other command.
/// </summary>
/// <param name="Forwarding">A forwarding table was touched by another process.</param>
/// <param name="Firewall">The VIP drop table was touched by another process.</param>
/// <param name="EventsLost">Notifications were lost: compare everything, write only what differs.</param>
/// <param name="Blocked">The VIPs blocked now (what the drop table must hold).</param>
/// <param name="FirewallOwned">native-io has written the drop table (else it has nothing to restore).</param>
/// <param name="Cause">What the notifications said, for the log.</param>
internal sealed record RepairTables(bool Forwarding, bool Firewall, bool EventsLost, IReadOnlyList<BlockedVip> Blocked, bool FirewallOwned, string Cause) : KernelCommand
{
    public override string Kind => "repair-tables";

    public override string ToString() => $"repair-tables after {Cause}";
}

/// <summary>Reads the forwarding table back and writes what differs (IPVS, which announces no changes).</summary>
internal sealed record CheckForwarding : KernelCommand
{
    public static readonly CheckForwarding Instance = new();

    public override string Kind => "check-forwarding";
}

/// <summary>What a repair found and wrote.</summary>
/// <param name="Forwarding">The forwarding table's read-back (null: not looked at).</param>
/// <param name="FirewallFound">How the drop table differed from what was installed (null: it did not, or was not looked at).</param>
internal sealed record RepairReport(ForwardingRepair? Forwarding, string? FirewallFound, int FirewallRestored, bool FirewallWritten)
{
    public bool Written => Forwarding?.Written == true || FirewallWritten;
}
