using System.Net.Sockets;
using Director.Core.Config.Model;
using Director.Core.Config.Syntax;

namespace Director.Core.Config.Binding;

/// <summary>Binds <c>global_defs</c> (later blocks of the same name add to earlier ones, as in keepalived).</summary>
internal static class GlobalDefsBinder
{
    public static GlobalDefs Bind(BindContext ctx, ConfigNode block, GlobalDefs g)
    {
        if (!ctx.RequireBlock(block)) return g;
        ctx.Each(block, new Dictionary<string, Action<ConfigNode>>
        {
            ["notification_email"] = n => { if (ctx.RequireBlock(n)) g = g with { NotificationEmail = g.NotificationEmail.Concat(Words(n)).ToEquatableList() }; },
            ["notification_email_from"] = n => g = g with { NotificationEmailFrom = ctx.Word(n, "an e-mail address") ?? g.NotificationEmailFrom },
            ["smtp_server"] = n => g = g with { SmtpServer = SmtpServer(ctx, n) ?? g.SmtpServer },
            ["smtp_connect_timeout"] = n => g = g with { SmtpConnectTimeout = ctx.Timer(n) ?? g.SmtpConnectTimeout },
            ["smtp_alert"] = n => g = g with { SmtpAlert = ctx.Flag(n) },
            ["checker_log_all_failures"] = n => g = g with { CheckerLogAllFailures = ctx.Flag(n) },
            ["router_id"] = n => g = g with { RouterId = ctx.Word(n, "a router id") ?? g.RouterId },
            ["lvs_id"] = n => g = g with { LvsId = ctx.Word(n, "an id") ?? g.LvsId },
            ["lvs_timeouts"] = n => g = g with { LvsTimeouts = LvsTimeoutsOf(ctx, n, g.LvsTimeouts) ?? g.LvsTimeouts },
            ["lvs_flush"] = n => g = g with { LvsFlush = ctx.Flag(n) },
            ["lvs_flush_on_stop"] = n => g = g with { LvsFlushOnStop = FlushOnStop(ctx, n) ?? g.LvsFlushOnStop },
            ["lvs_flush_onstop"] = n => g = g with { LvsFlushOnStop = FlushOnStop(ctx, n) ?? g.LvsFlushOnStop },
            ["vrrp_mcast_group4"] = n => g = g with { VrrpMcastGroup4 = Family(ctx, n, AddressFamily.InterNetwork) ?? g.VrrpMcastGroup4 },
            ["vrrp_mcast_group6"] = n => g = g with { VrrpMcastGroup6 = Family(ctx, n, AddressFamily.InterNetworkV6) ?? g.VrrpMcastGroup6 },
            ["vrrp_version"] = n => g = g with { VrrpVersion = ctx.Int(n, 2, 3) ?? g.VrrpVersion },
            ["vrrp_garp_master_delay"] = n => g = g with { VrrpGarpMasterDelay = ctx.Timer(n) ?? g.VrrpGarpMasterDelay },
            ["vrrp_garp_master_repeat"] = n => g = g with { VrrpGarpMasterRepeat = ctx.Int(n, 1, int.MaxValue) ?? g.VrrpGarpMasterRepeat },
            ["vrrp_garp_master_refresh"] = n => g = g with { VrrpGarpMasterRefresh = ctx.Timer(n) ?? g.VrrpGarpMasterRefresh },
            ["vrrp_garp_master_refresh_repeat"] = n => g = g with { VrrpGarpMasterRefreshRepeat = ctx.Int(n, 1, int.MaxValue) ?? g.VrrpGarpMasterRefreshRepeat },
            ["vrrp_strict"] = n => g = g with { VrrpStrict = ctx.Flag(n) },
            ["nftables"] = n => g = g with { Nftables = NftablesName(ctx, n) ?? g.Nftables },
            ["nftables_priority"] = n => g = g with { NftablesPriority = ctx.Int(n, -2147483648, 2147483647) ?? g.NftablesPriority },
            ["nftables_counters"] = n => g = g with { NftablesCounters = ctx.Flag(n) },
            ["vrrp_skip_check_adv_addr"] = n => g = g with { VrrpSkipCheckAdvAddr = ctx.Flag(n) },
            ["vrrp_garp_interval"] = n => g = g with { VrrpGarpInterval = BurstInterval(ctx, n) ?? g.VrrpGarpInterval },
            ["vrrp_gna_interval"] = n => g = g with { VrrpGnaInterval = BurstInterval(ctx, n) ?? g.VrrpGnaInterval },
            ["enable_script_security"] = n => g = g with { EnableScriptSecurity = ctx.Flag(n) },
            ["script_user"] = n => g = g with { ScriptUser = ScriptUser(ctx, n) ?? g.ScriptUser },
        });
        return g;
    }

    /// <summary>Every word of every line of a list block such as <c>notification_email { a b }</c>.</summary>
    public static IEnumerable<string> Words(ConfigNode block) => block.Children.SelectMany(c => c.Words);

    public static ScriptUser? ScriptUser(BindContext ctx, ConfigNode n)
    {
        var user = ctx.Arg(n, "USER [GROUP]");
        if (user is null) return null;
        ctx.WarnExtra(n, 2);
        return new ScriptUser { User = user, Group = n.Arguments.Count > 1 ? n.Arguments[1] : null };
    }

    /// <summary>keepalived's limit for IPVS timeouts: 31 days.</summary>
    internal const long MaxLvsTimeout = 86400 * 31;

    /// <summary><c>lvs_timeouts [tcp N] [tcpfin N] [udp N]</c>: each option at most once per line, values in seconds.</summary>
    private static LvsTimeouts? LvsTimeoutsOf(BindContext ctx, ConfigNode n, LvsTimeouts? current)
    {
        var args = n.Arguments;
        if (args.Count < 2)
        {
            ctx.Error(n, "expected tcp N, tcpfin N and/or udp N");
            return null;
        }

        var t = current ?? new LvsTimeouts();
        for (var i = 0; i < args.Count; i++)
        {
            var option = args[i];
            if (option is not ("tcp" or "tcpfin" or "udp"))
            {
                ctx.Error(n, $"expected tcp, tcpfin or udp, got '{option}'");
                return null;
            }

            if (i + 1 >= args.Count || ctx.ParseLong(n, args[i + 1], 0, MaxLvsTimeout) is not { } seconds)
            {
                if (i + 1 >= args.Count) ctx.Error(n, $"{option}: expected a timeout in seconds");
                return null;
            }

            t = option switch
            {
                "tcp" => t with { Tcp = seconds },
                "tcpfin" => t with { TcpFin = seconds },
                _ => t with { Udp = seconds },
            };
            i++;
        }

        return t;
    }

    /// <summary><c>lvs_flush_on_stop</c> alone: the whole table; <c>lvs_flush_on_stop VS</c>: the virtual servers without their real servers one by one.</summary>
    private static LvsFlushOnStop? FlushOnStop(BindContext ctx, ConfigNode n)
    {
        if (n.Arguments.Count == 0) return LvsFlushOnStop.Full;
        ctx.WarnExtra(n, 1);
        if (n.Arguments[0] == "VS") return LvsFlushOnStop.Vs;
        ctx.Error(n, $"expected nothing or VS, got '{n.Arguments[0]}'");
        return null;
    }

    /// <summary><c>nftables</c> alone keeps the default table name; a name nft cannot take unquoted is refused.</summary>
    private static string? NftablesName(BindContext ctx, ConfigNode n)
    {
        if (n.Arguments.Count == 0) return null;
        var name = ctx.Word(n, "a table name");
        if (name is null || Director.Core.Vrrp.Firewall.VipFirewallOptions.IsValidTableName(name)) return name;
        ctx.Error(n, $"'{name}' is not a usable nftables table name (a letter, then letters, digits or '_', at most 63)");
        return null;
    }

    /// <summary>keepalived 2.2 refuses 0 here (and keeps its default, which is no delay): warn only.</summary>
    private static TimeSpan? BurstInterval(BindContext ctx, ConfigNode n)
    {
        var value = ctx.Timer(n, 4294.967295);
        if (value != TimeSpan.Zero) return value;
        ctx.Warning(n, "expected 0.000001-4294.967295 seconds, got '0': ignored (no delay)");
        return null;
    }

    private static SmtpServer? SmtpServer(BindContext ctx, ConfigNode n)
    {
        var host = ctx.Arg(n, "HOST [PORT]");
        if (host is null) return null;
        ctx.WarnExtra(n, 2);
        var port = n.Arguments.Count > 1 ? ctx.ParseInt(n, n.Arguments[1], 1, 65535) : 25;
        return port is null ? null : new SmtpServer { Host = host, Port = port.Value };
    }

    private static System.Net.IPAddress? Family(BindContext ctx, ConfigNode n, AddressFamily family)
    {
        var ip = ctx.Ip(n);
        if (ip is null || ip.AddressFamily == family) return ip;
        ctx.Error(n, $"expected an {(family == AddressFamily.InterNetwork ? "IPv4" : "IPv6")} address, got '{n.Arguments[0]}'");
        return null;
    }
}
