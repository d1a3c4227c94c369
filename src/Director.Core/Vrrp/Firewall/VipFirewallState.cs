using System.Collections.Immutable;

namespace Director.Core.Vrrp.Firewall;

/// <summary>
/// The VIPs blocked on behalf of each VRRP instance (those MASTER without accept mode). The
/// table installed is always the union, so instances sharing an address do not unblock it for
/// each other.
/// </summary>
public sealed record VipFirewallState(ImmutableSortedDictionary<string, ImmutableArray<BlockedVip>> ByInstance)
{
    public static readonly VipFirewallState Empty = new(ImmutableSortedDictionary.Create<string, ImmutableArray<BlockedVip>>(StringComparer.Ordinal));

    /// <summary>Replaces what <paramref name="instance"/> blocks (an empty list is the same as <see cref="Unblock"/>).</summary>
    public VipFirewallState Block(string instance, IEnumerable<BlockedVip> vips)
    {
        var list = vips.Distinct().ToImmutableArray();
        return list.IsEmpty ? Unblock(instance) : new(ByInstance.SetItem(instance, list));
    }

    public VipFirewallState Unblock(string instance) => new(ByInstance.Remove(instance));

    public bool IsEmpty => ByInstance.IsEmpty;

    /// <summary>Every blocked VIP once, in a stable order.</summary>
    public IReadOnlyList<BlockedVip> All =>
        ByInstance.Values.SelectMany(v => v).Distinct()
            .OrderBy(v => v.IsIpv6).ThenBy(v => v.Address.ToString(), StringComparer.Ordinal).ThenBy(v => v.Interface, StringComparer.Ordinal)
            .ToList();
}
