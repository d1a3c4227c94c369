namespace Director.Native.Ipvs;

/// <summary>IP_VS_CONN_F_TUNNEL_TYPE_*: encapsulation of a tunnel destination.</summary>
public enum IpvsTunnelType : byte
{
    IpIp = 0,
    Gue = 1,
    Gre = 2,
}

/// <summary>IP_VS_TUNNEL_ENCAP_FLAG_*: checksum handling of GUE/GRE encapsulation.</summary>
[Flags]
public enum IpvsTunnelFlags : ushort
{
    NoChecksum = 0,
    Checksum = 1,
    RemoteChecksum = 2,
}
