namespace Director.Native.Ipvs;

/// <summary>IP_VS_CONN_F_* forwarding methods (IPVS_DEST_ATTR_FWD_METHOD).</summary>
public enum IpvsForwarding : uint
{
    Masquerade = 0,
    LocalNode = 1,
    Tunnel = 2,
    DirectRoute = 3,
    Bypass = 4,
}
