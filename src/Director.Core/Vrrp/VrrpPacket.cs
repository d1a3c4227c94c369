using System.Net;
using System.Net.Sockets;
using Director.Core.Config.Model;

namespace Director.Core.Vrrp;

/// <summary>
/// One VRRP message (without the IP header). <see cref="AuthData"/> is the 8 bytes carried by a
/// VRRPv2 IPv4 message (all zero unless PASS); VRRPv3 and IPv6 messages carry none.
/// <see cref="AdvertInterval"/> is whole seconds for v2 and centiseconds (12 bits) for v3.
/// <see cref="Checksum"/> is the value read from, or written to, the wire.
/// </summary>
public sealed record VrrpPacket(
    VrrpVersion Version,
    byte Type,
    byte Vrid,
    byte Priority,
    EquatableList<IPAddress> Addresses,
    VrrpAuthType AuthType,
    EquatableList<byte> AuthData,
    TimeSpan AdvertInterval,
    ushort Checksum)
{
    public AddressFamily Family =>
        Addresses.Count > 0 ? Addresses[0].AddressFamily : AddressFamily.InterNetwork;

    /// <summary>Whether the message carries the 8 auth-data bytes (VRRPv2 over IPv4).</summary>
    public static bool HasAuthData(VrrpVersion version, AddressFamily family) =>
        version == VrrpVersion.V2 && family == AddressFamily.InterNetwork;

    /// <summary>An advertisement as keepalived would send it; the checksum is filled by the encoder.</summary>
    public static VrrpPacket Advertisement(
        VrrpVersion version,
        byte vrid,
        byte priority,
        IEnumerable<IPAddress> addresses,
        TimeSpan advertInterval,
        VrrpAuthType authType = VrrpAuthType.None,
        string? password = null)
    {
        var list = new EquatableList<IPAddress>(addresses);
        var family = list.Count > 0 ? list[0].AddressFamily : AddressFamily.InterNetwork;
        var auth = HasAuthData(version, family)
            ? VrrpPassword.ToAuthData(authType == VrrpAuthType.Pass ? password : null)
            : EquatableList<byte>.Empty;
        return new VrrpPacket(version, VrrpWire.AdvertisementType, vrid, priority, list,
            version == VrrpVersion.V2 ? authType : VrrpAuthType.None, auth, advertInterval, 0);
    }
}
