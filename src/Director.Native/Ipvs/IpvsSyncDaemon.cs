using System.Net;

namespace Director.Native.Ipvs;

/// <summary>IP_VS_STATE_*: which side of connection synchronisation a sync daemon runs.</summary>
public enum IpvsSyncState : uint
{
    Master = 1,
    Backup = 2,
}

/// <summary>
/// An IPVS connection-sync daemon (keepalived's <c>lvs_sync_daemon</c>). Optional settings left
/// null take the kernel's defaults (group 224.0.0.81, port 8848, TTL 1, length from the MTU).
/// </summary>
public sealed record IpvsSyncDaemon
{
    public required IpvsSyncState State { get; init; }

    public required string Interface { get; init; }

    public uint SyncId { get; init; }

    public ushort? MaxLength { get; init; }

    public IPAddress? Group { get; init; }

    public ushort? Port { get; init; }

    public byte? Ttl { get; init; }
}

/// <summary>IPVS connection timeouts in seconds (ipvsadm --set); 0 leaves a value unchanged.</summary>
public sealed record IpvsTimeouts(uint Tcp, uint TcpFin, uint Udp);
