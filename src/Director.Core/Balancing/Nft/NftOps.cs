namespace Director.Core.Balancing.Nft;

/// <summary>
/// One step of a change written as nf_tables netlink messages rather than nft commands
/// (<see cref="NftFastChange"/>), in table <see cref="NftRulesetBuilder.TableName"/> of
/// <see cref="Family"/>. Keys and data are the bytes nft itself sends for the same elements.
/// </summary>
public abstract record NftOp(IpFamily Family);

/// <summary><c>flush map</c>: every element of <see cref="Set"/> goes.</summary>
public sealed record NftFlushSet(IpFamily Family, string Set) : NftOp(Family);

/// <summary><c>add element</c> / <c>delete element</c> (<see cref="Data"/> null for sets and deletions).</summary>
public sealed record NftSetElements(IpFamily Family, string Set, bool Add, IReadOnlyList<NftElement> Elements) : NftOp(Family);

public sealed record NftElement(byte[] Key, byte[]? Data)
{
    public override string ToString() => Convert.ToHexString(Key) + (Data is null ? "" : " : " + Convert.ToHexString(Data));
}

/// <summary><c>flush chain</c>: every rule of <see cref="Chain"/> goes.</summary>
public sealed record NftFlushChain(IpFamily Family, string Chain) : NftOp(Family);

/// <summary>
/// <c>add rule ... CHAIN [meta l4proto P] dnat FAMILY to numgen inc mod MODULUS map @MAP</c>: the
/// map's data is the address, followed by the port when <see cref="L4Protocol"/> is set.
/// </summary>
public sealed record NftNumgenDnatRule(IpFamily Family, string Chain, byte? L4Protocol, uint Modulus, string Map) : NftOp(Family);
