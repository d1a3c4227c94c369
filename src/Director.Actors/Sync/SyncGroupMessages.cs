using Akka.Actor;
using Director.Core.Vrrp.Sync;

namespace Director.Actors.Sync;

/// <summary>A member instance actor introduces itself to its sync group (it is watched from then on).</summary>
public sealed record RegisterSyncMember(string Instance, IActorRef Member);

/// <summary>
/// A member's own state changed (as its state machine and tracking decide, not a state the group
/// forced on it). Send <see cref="SyncMemberState.WantMaster"/> to ask before becoming MASTER.
/// </summary>
public sealed record MemberStateChanged(string Instance, SyncMemberState State, int Priority);

/// <summary>The group tells a member to take <see cref="State"/> now.</summary>
public sealed record ForceState(string Group, SyncGroupState State);

/// <summary>Published to the group's subscribers on each group transition (after its notify scripts are started).</summary>
public sealed record SyncGroupStateChanged(string Group, SyncGroupState From, SyncGroupState To);

public sealed record SubscribeSyncGroup(IActorRef Subscriber);

/// <summary>Asks for the group's view; answered with <see cref="SyncGroupStatus"/>.</summary>
public sealed record GetSyncGroupStatus
{
    public static readonly GetSyncGroupStatus Instance = new();
}

public sealed record SyncMemberStatus(string Instance, SyncMemberState Reported, SyncGroupState Believed, int Priority, bool Registered);

public sealed record SyncGroupStatus(string Group, SyncGroupState State, IReadOnlyList<SyncMemberStatus> Members);
