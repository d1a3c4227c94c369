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

    /// <summary>One-packet scheduling (UDP).</summary>
    public bool Ops { get; init; }

    public TimeSpan? PersistenceTimeout { get; init; }

    public IPAddress? PersistenceGranularity { get; init; }

    public string? Virtualhost { get; init; }

    public RealServerAddress? SorryServer { get; init; }

    public bool SorryServerInhibit { get; init; }

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

public enum Protocol
{
    [ConfigKind("TCP")] Tcp,
    [ConfigKind("UDP")] Udp,
    [ConfigKind("SCTP")] Sctp,
}
