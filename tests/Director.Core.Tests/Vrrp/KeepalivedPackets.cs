namespace Director.Core.Tests.Vrrp;

/// <summary>
/// Adverts sent by keepalived 2.2.7, captured once with capture/capture.sh (see capture/README.md),
/// as IP packets in hex.
/// </summary>
internal static class KeepalivedPackets
{
    /// <summary>VRRPv2, VRID 51, priority 200, 1 s, PASS "secret12", VIPs 192.0.2.100, .101; 192.0.2.1 to 224.0.0.18, IP id 1.</summary>
    public const string V2Pass = "45c0002c00010000ff70188dc0000201e00000122133c80201012380c0000264c00002657365637265743132";

    /// <summary>The same instance's priority-0 advert on SIGTERM, IP id 4.</summary>
    public const string V2PassStop = "45c0002c00040000ff70188ac0000201e0000012213300020101eb80c0000264c00002657365637265743132";

    /// <summary>VRRPv3, VRID 52, priority 150, 0.5 s, VIP 192.0.2.110; 192.0.2.1 to 224.0.0.18, IP id 1.</summary>
    public const string V3Ipv4 = "45c0002000010000ff701899c0000201e0000012313496010032d398c000026e";

    /// <summary>The same instance's priority-0 advert, IP id 10.</summary>
    public const string V3Ipv4Stop = "45c00020000a0000ff701890c0000201e00000123134000100326999c000026e";

    /// <summary>VRRPv3, VRID 53, priority 120, 1 s, VIPs fe80::100, 2001:db8::100; fe80::ff:fe00:a to ff02::12 (whole IPv6 packet).</summary>
    public const string V3Ipv6 =
        "6c04a2a6002870fffe80000000000000000000fffe00000aff020000000000000000000000000012" +
        "3135780200642af2fe80000000000000000000000000010020010db8000000000000000000000100";

    /// <summary>The same instance's priority-0 advert.</summary>
    public const string V3Ipv6Stop =
        "6c04a2a6002870fffe80000000000000000000fffe00000aff020000000000000000000000000012" +
        "313500020064a2f2fe80000000000000000000000000010020010db8000000000000000000000100";

    public static byte[] Bytes(string hex) => Convert.FromHexString(hex);

    /// <summary>The VRRP payload of an IPv6 packet (after the fixed 40-byte header).</summary>
    public static byte[] Ipv6Payload(string hex) => Bytes(hex)[40..];
}
