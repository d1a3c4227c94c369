using System.Net;

namespace Director.Core.Config.Model;

/// <summary>The <c>global_defs</c> block; its VRRP values are the defaults of every instance.</summary>
public sealed record GlobalDefs
{
    public EquatableList<string> NotificationEmail { get; init; } = EquatableList<string>.Empty;

    public string? NotificationEmailFrom { get; init; }

    public SmtpServer? SmtpServer { get; init; }

    public TimeSpan SmtpConnectTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public bool SmtpAlert { get; init; }

    /// <summary><c>checker_log_all_failures</c>: every checker logs every failed check while it is up.</summary>
    public bool CheckerLogAllFailures { get; init; }

    /// <summary>keepalived uses the host name when absent.</summary>
    public string? RouterId { get; init; }

    public string? LvsId { get; init; }

    /// <summary><c>lvs_timeouts [tcp N] [tcpfin N] [udp N]</c>: IPVS connection timeouts set at start; null: unchanged.</summary>
    public LvsTimeouts? LvsTimeouts { get; init; }

    /// <summary><c>lvs_flush</c>: the whole IPVS table is flushed at start.</summary>
    public bool LvsFlush { get; init; }

    /// <summary><c>lvs_flush_on_stop [VS]</c> (also <c>lvs_flush_onstop</c>).</summary>
    public LvsFlushOnStop LvsFlushOnStop { get; init; } = LvsFlushOnStop.No;

    public IPAddress VrrpMcastGroup4 { get; init; } = IPAddress.Parse("224.0.0.18");

    public IPAddress VrrpMcastGroup6 { get; init; } = IPAddress.Parse("ff02::12");

    public int VrrpVersion { get; init; } = 2;

    public TimeSpan VrrpGarpMasterDelay { get; init; } = TimeSpan.FromSeconds(5);

    public int VrrpGarpMasterRepeat { get; init; } = 5;

    /// <summary>Zero means no periodic refresh.</summary>
    public TimeSpan VrrpGarpMasterRefresh { get; init; } = TimeSpan.Zero;

    public int VrrpGarpMasterRefreshRepeat { get; init; } = 1;

    public bool VrrpStrict { get; init; }

    /// <summary><c>nftables [TABLENAME]</c>: the table of director's VIP drop rules (no_accept); null: the default.</summary>
    public string? Nftables { get; init; }

    /// <summary><c>nftables_priority</c>: the priority of that table's base chains (keepalived's default -1).</summary>
    public int NftablesPriority { get; init; } = -1;

    /// <summary><c>nftables_counters</c>: the drop rules count packets.</summary>
    public bool NftablesCounters { get; init; }

    /// <summary>Accept adverts without checking their address list (keepalived's <c>vrrp_skip_check_adv_addr</c>).</summary>
    public bool VrrpSkipCheckAdvAddr { get; init; }

    /// <summary>Delay between gratuitous ARPs of one burst; zero: none.</summary>
    public TimeSpan VrrpGarpInterval { get; init; } = TimeSpan.Zero;

    /// <summary>Delay between unsolicited neighbour advertisements of one burst; zero: none.</summary>
    public TimeSpan VrrpGnaInterval { get; init; } = TimeSpan.Zero;

    public bool EnableScriptSecurity { get; init; }

    public ScriptUser? ScriptUser { get; init; }
}

/// <summary>IPVS connection timeouts in seconds; 0 leaves the kernel's value.</summary>
public sealed record LvsTimeouts
{
    public long Tcp { get; init; }

    [Hocon.HoconKey("tcpfin")]
    public long TcpFin { get; init; }

    public long Udp { get; init; }
}

public enum LvsFlushOnStop
{
    /// <summary>This configuration's real servers, then its virtual servers, are removed (keepalived's default).</summary>
    [ConfigKind("no")] No,

    /// <summary>The whole IPVS table is flushed.</summary>
    [ConfigKind("full")] Full,

    /// <summary>This configuration's virtual servers are deleted without removing their real servers first.</summary>
    [ConfigKind("VS")] Vs,
}

/// <summary><c>smtp_server HOST [PORT]</c>.</summary>
public sealed record SmtpServer
{
    public string Host { get; init; } = "";

    public int Port { get; init; } = 25;
}

/// <summary><c>USER [GROUP]</c> as given to <c>script_user</c> or a script's <c>user</c>.</summary>
public sealed record ScriptUser
{
    public string User { get; init; } = "";

    public string? Group { get; init; }
}
