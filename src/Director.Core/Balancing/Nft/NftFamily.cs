namespace Director.Core.Balancing.Nft;

/// <summary>The nftables words that differ between IPv4 and IPv6.</summary>
internal sealed record NftFamily(string Table, string AddressType, string Header)
{
    public static readonly NftFamily V4 = new("ip", "ipv4_addr", "ip");
    public static readonly NftFamily V6 = new("ip6", "ipv6_addr", "ip6");

    public static NftFamily Of(IpFamily family) => family == IpFamily.V6 ? V6 : V4;

    public string Prefix => $"{Table} {NftRulesetBuilder.TableName}";
}
