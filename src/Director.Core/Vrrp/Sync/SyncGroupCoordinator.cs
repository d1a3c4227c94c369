using System.Collections.Immutable;

namespace Director.Core.Vrrp.Sync;

/// <summary>
/// keepalived's vrrp_sync_group rules (vrrp_sync.c / vrrp_track.c, 2.2.x) as a pure value:
/// member reports in, orders to members out.
/// <list type="bullet">
/// <item>A member going FAULT takes the group to FAULT and every other member with it.</item>
/// <item>While any member is itself in FAULT the group stays FAULT: a member that recovers is told
/// to stay FAULT. When the last one recovers the group and all members go to BACKUP (and hold
/// their own elections from there).</item>
/// <item>A member going BACKUP takes the group and every member that is MASTER to BACKUP.</item>
/// <item>A member asking for MASTER gets it only when every other member wants or holds MASTER
/// ("prefer backup to avoid thrashing"); then all members go MASTER together. Otherwise it is
/// told to stay BACKUP. A member that reports MASTER outright takes the group and everyone with it.</item>
/// </list>
/// Members report their own state, never one the group forced on them.
/// </summary>
public sealed class SyncGroupCoordinator
{
    private readonly ImmutableDictionary<string, SyncMemberState> _reported;
    private readonly ImmutableDictionary<string, SyncGroupState> _current;

    public string Name { get; }
    public SyncGroupState State { get; }
    public IReadOnlyList<string> Members { get; }

    private SyncGroupCoordinator(
        string name,
        IReadOnlyList<string> members,
        SyncGroupState state,
        ImmutableDictionary<string, SyncMemberState> reported,
        ImmutableDictionary<string, SyncGroupState> current)
    {
        Name = name;
        Members = members;
        State = state;
        _reported = reported;
        _current = current;
    }

    public static SyncGroupCoordinator Create(string name, IEnumerable<string> members)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var list = members.Distinct(StringComparer.Ordinal).ToArray();
        return new SyncGroupCoordinator(
            name,
            list,
            SyncGroupState.Init,
            list.ToImmutableDictionary(m => m, _ => SyncMemberState.Init, StringComparer.Ordinal),
            list.ToImmutableDictionary(m => m, _ => SyncGroupState.Init, StringComparer.Ordinal));
    }

    /// <summary>The member's last own report.</summary>
    public SyncMemberState ReportedState(string instance) => _reported[instance];

    /// <summary>The state the member is believed to be in: its last report or the last order it got.</summary>
    public SyncGroupState BelievedState(string instance) => _current[instance];

    public bool IsMember(string instance) => _reported.ContainsKey(instance);

    /// <summary>Members whose own report is FAULT.</summary>
    public IEnumerable<string> FaultedMembers => Members.Where(m => _reported[m] == SyncMemberState.Fault);

    public (SyncGroupCoordinator Next, SyncDecision Decision) Report(string instance, SyncMemberState state)
    {
        if (!IsMember(instance))
            return (this, SyncDecision.None);

        var previous = _reported[instance];
        var next = With(_reported.SetItem(instance, state), _current.SetItem(instance, AsGroupState(state)));
        return state switch
        {
            SyncMemberState.Fault => next.OnFault(instance),
            _ when next.State == SyncGroupState.Fault => next.OnReportWhileFaulted(instance, state, previous),
            SyncMemberState.Backup => next.GoTo(SyncGroupState.Backup, except: instance, onlyFrom: SyncGroupState.Master),
            SyncMemberState.WantMaster => next.OnWantMaster(instance),
            SyncMemberState.Master => next.GoTo(SyncGroupState.Master, except: instance),
            _ => (next, SyncDecision.None),
        };
    }

    private (SyncGroupCoordinator, SyncDecision) OnFault(string instance) =>
        State == SyncGroupState.Fault
            ? (this, SyncDecision.None)
            : GoTo(SyncGroupState.Fault, except: instance);

    private (SyncGroupCoordinator, SyncDecision) OnReportWhileFaulted(
        string instance, SyncMemberState state, SyncMemberState previous)
    {
        if (FaultedMembers.Any())
        {
            // Someone is still down: this member stays in FAULT with the group.
            var held = With(_reported, _current.SetItem(instance, SyncGroupState.Fault));
            return (held, new SyncDecision([new SyncOrder(instance, SyncGroupState.Fault)], null));
        }
        // The last faulted member recovered: everyone leaves FAULT for BACKUP; a member that
        // reported BACKUP itself needs no order.
        // A member that asked for MASTER gets an explicit BACKUP answer.
        var except = state == SyncMemberState.Backup && previous == SyncMemberState.Fault ? instance : null;
        var answer = state == SyncMemberState.WantMaster ? instance : null;
        return GoTo(SyncGroupState.Backup, except, mustOrder: answer);
    }

    private (SyncGroupCoordinator, SyncDecision) OnWantMaster(string instance)
    {
        var everyoneWants = Members.Where(m => m != instance)
            .All(m => _reported[m] is SyncMemberState.WantMaster or SyncMemberState.Master);
        if (State == SyncGroupState.Master || everyoneWants)
            return GoTo(SyncGroupState.Master, except: null);

        var stay = With(_reported, _current.SetItem(instance, SyncGroupState.Backup));
        var decision = new SyncDecision([new SyncOrder(instance, SyncGroupState.Backup)], null);
        if (State == SyncGroupState.Init)
            return stay.Enter(SyncGroupState.Backup, decision.Orders);
        return (stay, decision);
    }

    /// <summary>
    /// Moves the group to <paramref name="target"/> and orders every member not believed to be in
    /// it already (except <paramref name="except"/>; with <paramref name="onlyFrom"/>, only
    /// members believed to be in that state). <paramref name="mustOrder"/> is ordered regardless.
    /// </summary>
    private (SyncGroupCoordinator, SyncDecision) GoTo(
        SyncGroupState target, string? except, SyncGroupState? onlyFrom = null, string? mustOrder = null)
    {
        var orders = Members
            .Where(m => m == mustOrder
                || (m != except && _current[m] != target && (onlyFrom is null || _current[m] == onlyFrom)))
            .Select(m => new SyncOrder(m, target))
            .ToArray();
        var current = _current;
        foreach (var order in orders)
            current = current.SetItem(order.Instance, target);
        return With(_reported, current).Enter(target, orders);
    }

    private (SyncGroupCoordinator, SyncDecision) Enter(SyncGroupState target, IReadOnlyList<SyncOrder> orders)
    {
        if (target == State)
            return (this, new SyncDecision(orders, null));
        var next = new SyncGroupCoordinator(Name, Members, target, _reported, _current);
        return (next, new SyncDecision(orders, new SyncGroupTransition(Name, State, target)));
    }

    private SyncGroupCoordinator With(
        ImmutableDictionary<string, SyncMemberState> reported,
        ImmutableDictionary<string, SyncGroupState> current) =>
        new(Name, Members, State, reported, current);

    private static SyncGroupState AsGroupState(SyncMemberState state) => state switch
    {
        SyncMemberState.Master => SyncGroupState.Master,
        SyncMemberState.Fault => SyncGroupState.Fault,
        SyncMemberState.Init => SyncGroupState.Init,
        _ => SyncGroupState.Backup, // WantMaster: still BACKUP until told otherwise
    };
}
