using Akka.Actor;

namespace Director.Host.Management;

/// <summary>One member as Akka.Management's GET /cluster/members lists it.</summary>
public sealed record ClusterMemberView(string Node, string NodeUid, string Status, IReadOnlyList<string> Roles);

public sealed record UnreachableMemberView(string Node, IReadOnlyList<string> ObservedBy);

/// <summary>The body of GET /cluster/members, in the shape Akka.Management users know.</summary>
public sealed record ClusterMembersView(
    bool ClusterEnabled,
    string SelfNode,
    string? Leader,
    string? Oldest,
    IReadOnlyList<ClusterMemberView> Members,
    IReadOnlyList<UnreachableMemberView> Unreachable)
{
    public static ClusterMembersView Of(ActorSystem system, bool clusterEnabled)
    {
        if (!clusterEnabled)
            return new ClusterMembersView(false, "local", null, null, [], []);
        var cluster = Akka.Cluster.Cluster.Get(system);
        var state = cluster.State;
        var members = state.Members.OrderBy(m => m.Address.ToString(), StringComparer.Ordinal).ToList();
        var oldest = members.Where(m => m.Status == Akka.Cluster.MemberStatus.Up)
            .Aggregate((Akka.Cluster.Member?)null, (o, m) => o is null || m.IsOlderThan(o) ? m : o);
        // The members that still reach the others are the ones observing an unreachable one.
        var unreachable = state.Unreachable.Select(m => m.Address).ToHashSet();
        IReadOnlyList<string> observers = members.Where(m => !unreachable.Contains(m.Address)).Select(m => m.Address.ToString()).ToList();
        return new ClusterMembersView(
            true,
            cluster.SelfAddress.ToString(),
            state.Leader?.ToString(),
            oldest?.Address.ToString(),
            members.Select(m => new ClusterMemberView(m.Address.ToString(), m.UniqueAddress.Uid.ToString(System.Globalization.CultureInfo.InvariantCulture), m.Status.ToString(), [.. m.Roles.Order(StringComparer.Ordinal)])).ToList(),
            state.Unreachable.Select(m => new UnreachableMemberView(m.Address.ToString(), observers)).ToList());
    }
}
