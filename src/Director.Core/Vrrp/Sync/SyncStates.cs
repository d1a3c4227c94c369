namespace Director.Core.Vrrp.Sync;

/// <summary>
/// What a member instance reports to its sync group: its own state, as its own state machine and
/// tracking decide, not a state the group forced on it. <see cref="WantMaster"/> is a member asking
/// to become MASTER (its master-down timer ran out or it should preempt): the group answers with
/// MASTER for everyone or BACKUP for the asker.
/// </summary>
public enum SyncMemberState
{
    Init,
    Backup,
    WantMaster,
    Master,
    Fault,
}

/// <summary>The state of a vrrp_sync_group as a whole.</summary>
public enum SyncGroupState
{
    Init,
    Backup,
    Master,
    Fault,
}

/// <summary>A state the group tells one member to take now.</summary>
public sealed record SyncOrder(string Instance, SyncGroupState State);

/// <summary>
/// A group transition to announce: run the group's notify_master / notify_backup / notify_fault
/// script as configured, then its generic notify script with <see cref="NotifyArguments"/>
/// appended (keepalived passes priority 0 for groups).
/// </summary>
public sealed record SyncGroupTransition(string Group, SyncGroupState From, SyncGroupState To)
{
    public string StateWord => To.ToString().ToUpperInvariant();

    public IReadOnlyList<string> NotifyArguments => ["GROUP", Group, StateWord, "0"];
}

/// <summary>What the coordinator decided for one report: orders to members and maybe a group transition.</summary>
public sealed record SyncDecision(IReadOnlyList<SyncOrder> Orders, SyncGroupTransition? Transition)
{
    public static readonly SyncDecision None = new([], null);

    public bool Equals(SyncDecision? other) =>
        other is not null && Orders.SequenceEqual(other.Orders) && Transition == other.Transition;

    public override int GetHashCode() => HashCode.Combine(Orders.Count, Transition);
}
