namespace Director.Core.Balancing;

/// <summary>
/// One nftables table by family ("ip", "ip6", "inet", "netdev", ...) and name, as nft names it:
/// what director owns and watches (its forwarding tables, its VIP drop table).
/// </summary>
public readonly record struct NftTableRef(string Family, string Name)
{
    public override string ToString() => $"{Family} {Name}";
}
