namespace Director.Core.Vrrp;

/// <summary>VRRP protocol version: 2 (RFC 3768) or 3 (RFC 5798). The value is the wire nibble.</summary>
public enum VrrpVersion : byte
{
    V2 = 2,
    V3 = 3,
}
