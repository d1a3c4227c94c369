using Director.Core.Balancing;

namespace Director.Native.Nftables;

/// <summary>The nftables family of the daemon's table for each address family.</summary>
internal static class NftFamilyName
{
    public static readonly string[] All = ["ip", "ip6"];

    public static string Of(IpFamily family) => family == IpFamily.V6 ? "ip6" : "ip";

    public static IpFamily Parse(string family) => family == "ip6" ? IpFamily.V6 : IpFamily.V4;
}
