using System.Net;

namespace Director.Core.Config.Model;

/// <summary>A <c>virtual_server</c> block (<c>IP PORT</c>, <c>fwmark N</c> or <c>group NAME</c>).</summary>
public sealed record VirtualServer
{
    public VirtualServerAddress Address { get; init; } = new IpPortAddress();

    public TimeSpan DelayLoop { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Also spelled <c>lvs_sched</c>.</summary>
    public LbAlgo LbAlgo { get; init; } = LbAlgo.Wlc;

    /// <summary>Also spelled <c>lvs_method</c>; keepalived defaults to NAT.</summary>
    public LbKind LbKind { get; init; } = LbKind.Nat;

    public Protocol Protocol { get; init; } = Protocol.Tcp;

    /// <summary>Tunnel encapsulation of <c>lvs_method TUN type ...</c>; null: IPIP (the default).</summary>
    public TunnelOptions? Tunnel { get; init; }

    /// <summary><c>ip_family inet|inet6</c>; null: from the address or the real servers.</summary>
    public InetFamily? IpFamily { get; init; }

    /// <summary>One-packet scheduling (UDP).</summary>
    public bool Ops { get; init; }

    /// <summary>Scheduler flags (<c>sh-port</c>, <c>mh-fallback</c>, <c>flag-1</c>...), in the order given.</summary>
    public EquatableList<SchedulerFlag> SchedulerFlags { get; init; } = EquatableList<SchedulerFlag>.Empty;

    public TimeSpan? PersistenceTimeout { get; init; }

    /// <summary>IPv4: the netmask given; IPv6: the mask of the prefix length given.</summary>
    public IPAddress? PersistenceGranularity { get; init; }

    /// <summary><c>persistence_engine NAME</c> (e.g. sip); used only with persistence.</summary>
    public string? PersistenceEngine { get; init; }

    public string? Virtualhost { get; init; }

    public RealServerAddress? SorryServer { get; init; }

    public bool SorryServerInhibit { get; init; }

    /// <summary><c>sorry_server_lvs_method</c>; null: the virtual server's.</summary>
    public LbKind? SorryServerLvsMethod { get; init; }

    /// <summary>Tunnel options of <c>sorry_server_lvs_method TUN type ...</c>.</summary>
    public TunnelOptions? SorryServerTunnel { get; init; }

    public long Quorum { get; init; } = 1;

    public long Hysteresis { get; init; }

    public string? QuorumUp { get; init; }

    public string? QuorumDown { get; init; }

    public bool Alpha { get; init; }

    public bool Omega { get; init; }

    public bool HaSuspend { get; init; }

    public bool InhibitOnFailure { get; init; }

    public bool SmtpAlert { get; init; }

    public EquatableList<RealServer> RealServer { get; init; } = EquatableList<RealServer>.Empty;
}

/// <summary>What a virtual server listens on (HOCON <c>kind = ip_port | fwmark | group</c>).</summary>
[ConfigDiscriminator("kind")]
public abstract record VirtualServerAddress;

[ConfigKind("ip_port")]
public sealed record IpPortAddress : VirtualServerAddress
{
    public IPAddress Ip { get; init; } = IPAddress.Any;

    public int Port { get; init; }
}

[ConfigKind("fwmark")]
public sealed record FwmarkAddress : VirtualServerAddress
{
    public long Fwmark { get; init; }
}

[ConfigKind("group")]
public sealed record GroupAddress : VirtualServerAddress
{
    public string Group { get; init; } = "";
}

/// <summary><c>IP [PORT]</c> of a real or sorry server; port 0 when not given (fwmark services).</summary>
public sealed record RealServerAddress
{
    public IPAddress Ip { get; init; } = IPAddress.Any;

    public int Port { get; init; }
}

public enum LbAlgo
{
    [ConfigKind("rr")] Rr,
    [ConfigKind("wrr")] Wrr,
    [ConfigKind("lc")] Lc,
    [ConfigKind("wlc")] Wlc,
    [ConfigKind("lblc")] Lblc,
    [ConfigKind("lblcr")] Lblcr,
    [ConfigKind("dh")] Dh,
    [ConfigKind("sh")] Sh,
    [ConfigKind("sed")] Sed,
    [ConfigKind("nq")] Nq,
    [ConfigKind("fo")] Fo,
    [ConfigKind("ovf")] Ovf,
    [ConfigKind("mh")] Mh,
}

public enum LbKind
{
    [ConfigKind("NAT")] Nat,
    [ConfigKind("DR")] Dr,
    [ConfigKind("TUN")] Tun,
}

/// <summary><c>type ipip|gue|gre</c>, <c>port N</c> (GUE) and the checksum option of a TUN method.</summary>
public sealed record TunnelOptions
{
    public TunnelType Type { get; init; } = TunnelType.Ipip;

    /// <summary>UDP port of a GUE tunnel; 0 otherwise.</summary>
    public int Port { get; init; }

    public TunnelChecksum Checksum { get; init; } = TunnelChecksum.NoCsum;

    /// <summary>Plain IPIP: what TUN means without options.</summary>
    public static readonly TunnelOptions Ipip = new();
}

public enum TunnelType
{
    [ConfigKind("ipip")] Ipip,
    [ConfigKind("gue")] Gue,
    [ConfigKind("gre")] Gre,
}

public enum TunnelChecksum
{
    [ConfigKind("nocsum")] NoCsum,
    [ConfigKind("csum")] Csum,
    [ConfigKind("remcsum")] RemCsum,
}

public enum InetFamily
{
    [ConfigKind("inet")] Inet,
    [ConfigKind("inet6")] Inet6,
}

/// <summary>
/// keepalived's scheduler flag keywords. sh-fallback and mh-fallback are IPVS's flag-1, sh-port
/// and mh-port its flag-2.
/// </summary>
public enum SchedulerFlag
{
    [ConfigKind("flag-1")] Flag1,
    [ConfigKind("flag-2")] Flag2,
    [ConfigKind("flag-3")] Flag3,
    [ConfigKind("sh-fallback")] ShFallback,
    [ConfigKind("sh-port")] ShPort,
    [ConfigKind("mh-fallback")] MhFallback,
    [ConfigKind("mh-port")] MhPort,
}

public enum Protocol
{
    [ConfigKind("TCP")] Tcp,
    [ConfigKind("UDP")] Udp,
    [ConfigKind("SCTP")] Sctp,
}
