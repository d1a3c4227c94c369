using System.Net;

namespace Director.Core.Vrrp;

/// <summary>Constants of VRRP on the wire.</summary>
public static class VrrpWire
{
    public const byte IpProtocol = 112;
    public const byte IpProtocolAh = 51;
    public const byte AdvertisementType = 1;
    public const byte RequiredTtl = 255;
    public const byte Ipv4Tos = 0xC0;
    public const byte Ipv6TrafficClass = 0xC0;
    public const byte OwnerPriority = 255;
    public const byte StopPriority = 0;
    public const int HeaderLength = 8;
    public const int AuthDataLength = 8;
    public const int MaxV3IntervalCentiseconds = 0x0FFF;

    public static readonly IPAddress MulticastGroupV4 = IPAddress.Parse("224.0.0.18");
    public static readonly IPAddress MulticastGroupV6 = IPAddress.Parse("ff02::12");
}
