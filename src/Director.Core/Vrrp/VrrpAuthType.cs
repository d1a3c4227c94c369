namespace Director.Core.Vrrp;

/// <summary>VRRPv2 authentication type, as carried on the wire (RFC 2338 / keepalived).</summary>
public enum VrrpAuthType : byte
{
    None = 0,
    Pass = 1,
    Ah = 2,
}
