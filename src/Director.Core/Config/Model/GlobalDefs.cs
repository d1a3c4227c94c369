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
