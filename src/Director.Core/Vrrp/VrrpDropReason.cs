namespace Director.Core.Vrrp;

/// <summary>
/// Why a received packet was not accepted, one value per check keepalived makes (in its order),
/// so that drops can be counted by reason.
/// </summary>
public enum VrrpDropReason
{
    /// <summary>Shorter than an IP header, a VRRP header, or the addresses it announces.</summary>
    Truncated,
    /// <summary>Not an IPv4 datagram carrying protocol 112 (or 51 for AH).</summary>
    NotVrrp,
    /// <summary>The VRID belongs to no instance of ours (another router's traffic).</summary>
    ForeignVrid,
    /// <summary>Sent from one of our own addresses (our own advert looped back).</summary>
    OwnSourceAddress,
    /// <summary>Carries (or lacks) an IPsec AH header while our auth type is not (or is) AH.</summary>
    AhMismatch,
    /// <summary>AH authentication is configured: keepalived's AH is not supported by director.</summary>
    AhUnsupported,
    /// <summary>Received length differs from the length its header and address count imply.</summary>
    LengthMismatch,
    /// <summary>TTL / hop limit is not 255 on a multicast instance.</summary>
    TtlNot255,
    /// <summary>Version is not the configured one (v2 and v3 never mix).</summary>
    WrongVersion,
    /// <summary>VRRPv2 auth type is none of 0, 1, 2.</summary>
    InvalidAuthType,
    /// <summary>VRRPv2 auth type differs from ours.</summary>
    AuthTypeMismatch,
    /// <summary>VRRPv2 PASS data differs from our (8-byte) password.</summary>
    PasswordMismatch,
    /// <summary>VRRPv2 advert interval differs from ours (keepalived drops and logs; v3 adopts instead).</summary>
    AdvertIntervalMismatch,
    /// <summary>Type is not 1 (advertisement).</summary>
    WrongType,
    /// <summary>Address count differs from our VIP count ("unexpected ip number count").</summary>
    AddressCountMismatch,
    /// <summary>The IPv4 total length field differs from what was received.</summary>
    IpTotalLengthMismatch,
    /// <summary>VRRP checksum does not verify (v3 IPv4 with the pseudo-header).</summary>
    BadChecksum,
    /// <summary>Multicast expected but unicast received, or the reverse.</summary>
    CastMismatch,
    /// <summary>One of our VIPs is missing from the advert.</summary>
    AddressListMismatch,
    /// <summary>A unicast instance received an advert from an address that is not one of its peers.</summary>
    NotUnicastPeer,
}
