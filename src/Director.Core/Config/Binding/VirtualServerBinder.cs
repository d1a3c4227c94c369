using System.Net;
using Director.Core.Config.Model;
using Director.Core.Config.Syntax;
using Director.Core.Config.Validation;

namespace Director.Core.Config.Binding;

/// <summary>Binds <c>virtual_server</c> blocks and their <c>real_server</c>s.</summary>
internal static class VirtualServerBinder
{
    private static readonly Dictionary<string, LbAlgo> Algorithms =
        Enum.GetValues<LbAlgo>().ToDictionary(a => a.ToString().ToLowerInvariant());

    private static readonly Dictionary<string, InetFamily> Families = new()
    {
        ["inet"] = InetFamily.Inet,
        ["inet6"] = InetFamily.Inet6,
    };

    private static readonly Dictionary<string, SchedulerFlag> Flags =
        Enum.GetValues<SchedulerFlag>().ToDictionary(f => f switch
        {
            SchedulerFlag.Flag1 => "flag-1",
            SchedulerFlag.Flag2 => "flag-2",
            SchedulerFlag.Flag3 => "flag-3",
            SchedulerFlag.ShFallback => "sh-fallback",
            SchedulerFlag.ShPort => "sh-port",
            SchedulerFlag.MhFallback => "mh-fallback",
            _ => "mh-port",
        });

    private static readonly Dictionary<string, Protocol> Protocols = new()
    {
        ["TCP"] = Protocol.Tcp,
        ["UDP"] = Protocol.Udp,
        ["SCTP"] = Protocol.Sctp,
    };

    /// <summary>Default persistence when <c>persistence_timeout</c> has no value (keepalived's 6 minutes).</summary>
    private static readonly TimeSpan DefaultPersistence = TimeSpan.FromSeconds(360);

    public static VirtualServer? Bind(BindContext ctx, ConfigNode block)
    {
        var address = Address(ctx, block);
        if (address is null || !ctx.RequireBlock(block)) return null;
        var vs = new VirtualServer { Address = address };
        var protocolSet = false;
        int? weight = null;
        var defaults = new CheckerDefaults();
        var realServers = new List<ConfigNode>();
        var handlers = new Dictionary<string, Action<ConfigNode>>
        {
            ["lb_algo"] = n => vs = vs with { LbAlgo = ctx.Choice(n, Algorithms) ?? vs.LbAlgo },
            ["lvs_sched"] = n => vs = vs with { LbAlgo = ctx.Choice(n, Algorithms) ?? vs.LbAlgo },
            ["lb_kind"] = n => vs = WithMethod(ctx, n, vs),
            ["lvs_method"] = n => vs = WithMethod(ctx, n, vs),
            ["ip_family"] = n => vs = vs with { IpFamily = ctx.Choice(n, Families) ?? vs.IpFamily },
            ["protocol"] = n => { protocolSet = true; vs = vs with { Protocol = ctx.Choice(n, Protocols) ?? vs.Protocol }; },
            ["ops"] = n => vs = vs with { Ops = ctx.Flag(n) },
            ["hashed"] = n => ctx.Warning(n, "hashed only applies to the sh scheduler in keepalived: ignored"),
            ["persistence_timeout"] = n => vs = vs with { PersistenceTimeout = n.Arguments.Count == 0 ? DefaultPersistence : ctx.Timer(n) ?? vs.PersistenceTimeout },
            ["persistence_granularity"] = n => vs = vs with { PersistenceGranularity = Granularity(ctx, n, vs) ?? vs.PersistenceGranularity },
            ["persistence_engine"] = n => vs = vs with { PersistenceEngine = ctx.Word(n, "a persistence engine name (e.g. sip)") ?? vs.PersistenceEngine },
            ["virtualhost"] = n => vs = vs with { Virtualhost = ctx.Word(n, "a host name") ?? vs.Virtualhost },
            ["sorry_server"] = n => vs = vs with { SorryServer = ServerAddress(ctx, n, "IP PORT") ?? vs.SorryServer },
            ["sorry_server_inhibit"] = n => vs = vs with { SorryServerInhibit = ctx.Flag(n) },
            ["sorry_server_lvs_method"] = n =>
            {
                if (LvsMethodBinder.Bind(ctx, n) is var (kind, tunnel)) vs = vs with { SorryServerLvsMethod = kind, SorryServerTunnel = tunnel };
            },
            ["quorum"] = n => vs = vs with { Quorum = ctx.Long(n, 1, uint.MaxValue) ?? vs.Quorum },
            ["hysteresis"] = n => vs = vs with { Hysteresis = ctx.Long(n, 0, uint.MaxValue) ?? vs.Hysteresis },
            ["quorum_up"] = n => vs = vs with { QuorumUp = ctx.Command(n) ?? vs.QuorumUp },
            ["quorum_down"] = n => vs = vs with { QuorumDown = ctx.Command(n) ?? vs.QuorumDown },
            ["alpha"] = n => vs = vs with { Alpha = ctx.Flag(n) },
            ["omega"] = n => vs = vs with { Omega = ctx.Flag(n) },
            ["ha_suspend"] = n => vs = vs with { HaSuspend = ctx.Flag(n) },
            ["inhibit_on_failure"] = n => vs = vs with { InhibitOnFailure = ctx.Flag(n) },
            ["smtp_alert"] = n => vs = vs with { SmtpAlert = ctx.Flag(n) },
            ["weight"] = n => weight = ctx.Int(n, 0, 65535) ?? weight,
            ["real_server"] = realServers.Add,
        };
        foreach (var (word, flag) in Flags) handlers[word] = n => vs = WithFlag(ctx, n, vs, flag);
        CheckerDefaults.AddHandlers(ctx, handlers, () => defaults, d => defaults = d, withDelayLoop: false);
        handlers["delay_loop"] = n => vs = vs with { DelayLoop = ctx.Timer(n) ?? vs.DelayLoop };
        // Server-level settings apply to every real server, wherever they stand in the block.
        ctx.Each(block, handlers);
        foreach (var node in realServers)
        {
            if (RealServer(ctx, node, vs, weight, defaults) is not { } rs) continue;
            if (vs.RealServer.Any(r => r.Address == rs.Address))
                ctx.Error(node, ConfigRules.DuplicateRealServer(rs.Address));
            else vs = vs with { RealServer = vs.RealServer.Append(rs).ToEquatableList() };
        }

        if (!protocolSet && address is not FwmarkAddress)
            ctx.Warning(block, "no protocol set: using TCP (keepalived 2.2 reports an error and uses UDP)");
        if (vs.Ops && vs.Protocol != Protocol.Udp && address is not FwmarkAddress)
        {
            ctx.Warning(block, "ops (one-packet scheduling) needs protocol UDP: ignored");
            vs = vs with { Ops = false };
        }

        // keepalived: a granularity implies persistence, and so does port 0 (IPVS wants it persistent).
        if (vs.PersistenceTimeout is null && vs.PersistenceGranularity is not null)
            vs = vs with { PersistenceTimeout = DefaultPersistence };
        if (vs.PersistenceTimeout is null && address is IpPortAddress { Port: 0 })
        {
            ctx.Warning(block, "port 0 is only valid for a persistent service: persistence_timeout 360 set (as keepalived)");
            vs = vs with { PersistenceTimeout = DefaultPersistence };
        }

        WarnQuorum(ctx, block, vs);
        return vs;
    }

    private static VirtualServer WithMethod(BindContext ctx, ConfigNode n, VirtualServer vs) =>
        LvsMethodBinder.Bind(ctx, n) is var (kind, tunnel) ? vs with { LbKind = kind, Tunnel = tunnel } : vs;

    /// <summary>As keepalived: flag-N always; sh-* only after <c>lb_algo sh</c>, mh-* only after <c>lb_algo mh</c>.</summary>
    private static VirtualServer WithFlag(BindContext ctx, ConfigNode n, VirtualServer vs, SchedulerFlag flag)
    {
        ctx.WarnExtra(n, 0);
        var needs = flag switch
        {
            SchedulerFlag.ShPort or SchedulerFlag.ShFallback => LbAlgo.Sh,
            SchedulerFlag.MhPort or SchedulerFlag.MhFallback => LbAlgo.Mh,
            _ => (LbAlgo?)null,
        };
        if (needs is { } algo && vs.LbAlgo != algo)
        {
            ctx.Warning(n, $"{n.Keyword} only applies to the {algo.ToString().ToLowerInvariant()} scheduler (set lb_algo before it): ignored");
            return vs;
        }

        return vs.SchedulerFlags.Contains(flag) ? vs : vs with { SchedulerFlags = vs.SchedulerFlags.Append(flag).ToEquatableList() };
    }

    /// <summary>IPv4: a netmask; IPv6 (the virtual server's family, else a value without a dot): a prefix length 1-128.</summary>
    private static IPAddress? Granularity(BindContext ctx, ConfigNode n, VirtualServer vs)
    {
        var text = ctx.Arg(n, "a netmask (IPv4) or a prefix length (IPv6)");
        if (text is null) return null;
        ctx.WarnExtra(n, 1);
        var v6 = vs.Address is IpPortAddress ip
            ? ip.Ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
            : vs.IpFamily is { } family ? family == InetFamily.Inet6 : !text.Contains('.', StringComparison.Ordinal);
        if (!v6) return ctx.ParseIp(n, text) is { } mask && mask.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? mask : Bad();
        var prefix = ctx.ParseInt(n, text, 1, 128);
        return prefix is null ? null : Director.Core.Balancing.PrefixMask.Of(Director.Core.Balancing.IpFamily.V6, prefix.Value);

        IPAddress? Bad()
        {
            ctx.Error(n, $"expected an IPv4 netmask, got '{text}'");
            return null;
        }
    }

    /// <summary>keepalived lowers a quorum above the real servers' total weight (and the hysteresis under it) at load.</summary>
    private static void WarnQuorum(BindContext ctx, ConfigNode block, VirtualServer vs)
    {
        var total = vs.RealServer.Sum(r => (long)r.Weight);
        if (vs.RealServer.Count > 0 && vs.Quorum > total)
            ctx.Warning(block, $"quorum {vs.Quorum} exceeds the total weight of the real servers {total}: {total} is used (as keepalived)");
    }

    private static VirtualServerAddress? Address(BindContext ctx, ConfigNode block)
    {
        var args = block.Arguments;
        const string expected = "expected IP PORT, fwmark N or group NAME";
        if (args.Count != 2) { ctx.Error(block, $"{expected}, got '{string.Join(' ', args)}'"); return null; }
        switch (args[0])
        {
            case "fwmark":
                var mark = ctx.ParseLong(block, args[1], 1, uint.MaxValue);
                return mark is null ? null : new FwmarkAddress { Fwmark = mark.Value };
            case "group":
                return new GroupAddress { Group = args[1] };
            default:
                var ip = ctx.ParseIp(block, args[0]);
                var port = ctx.Port(block, args[1]);
                return ip is null || port is null ? null : new IpPortAddress { Ip = ip, Port = port.Value };
        }
    }

    private static RealServerAddress? ServerAddress(BindContext ctx, ConfigNode n, string expected)
    {
        var ipText = ctx.Arg(n, expected);
        if (ipText is null) return null;
        ctx.WarnExtra(n, 2);
        var ip = ctx.ParseIp(n, ipText);
        var port = n.Arguments.Count > 1 ? ctx.Port(n, n.Arguments[1]) : 0;
        return ip is null || port is null ? null : new RealServerAddress { Ip = ip, Port = port.Value };
    }

    private static RealServer? RealServer(BindContext ctx, ConfigNode block, VirtualServer vs, int? weight, CheckerDefaults inherited)
    {
        var address = ServerAddress(ctx, block, "IP [PORT]");
        if (address is null) return null;
        if (address.Port == 0 && vs.Address is IpPortAddress v) address = address with { Port = v.Port };
        var rs = new RealServer { Address = address, InhibitOnFailure = vs.InhibitOnFailure, SmtpAlert = vs.SmtpAlert, Weight = weight ?? 1 };
        if (!block.HasBlock) return rs;
        var defaults = new CheckerDefaults();
        var checkers = new List<ConfigNode>();
        var handlers = new Dictionary<string, Action<ConfigNode>>
        {
            ["weight"] = n => rs = rs with { Weight = ctx.Int(n, 0, 65535) ?? rs.Weight },
            ["inhibit_on_failure"] = n => rs = rs with { InhibitOnFailure = ctx.Flag(n) },
            ["lvs_method"] = n =>
            {
                if (LvsMethodBinder.Bind(ctx, n) is var (kind, tunnel)) rs = rs with { LvsMethod = kind, Tunnel = tunnel };
            },
            ["uthreshold"] = n => rs = rs with { UpperThreshold = (uint?)ctx.Long(n, 0, uint.MaxValue) ?? rs.UpperThreshold },
            ["lthreshold"] = n => rs = rs with { LowerThreshold = (uint?)ctx.Long(n, 0, uint.MaxValue) ?? rs.LowerThreshold },
            ["notify_up"] = n => rs = rs with { NotifyUp = ctx.Command(n) ?? rs.NotifyUp },
            ["notify_down"] = n => rs = rs with { NotifyDown = ctx.Command(n) ?? rs.NotifyDown },
            ["smtp_alert"] = n => rs = rs with { SmtpAlert = ctx.Flag(n) },
        };
        CheckerDefaults.AddHandlers(ctx, handlers, () => defaults, d => defaults = d, withDelayLoop: true);
        foreach (var child in block.Children)
        {
            if (handlers.TryGetValue(child.Keyword, out var handle)) handle(child);
            else if (CheckerBinder.IsChecker(child.Keyword)) checkers.Add(child);
            else ctx.Unknown(child);
        }
        var effective = inherited.Under(defaults);
        foreach (var node in checkers)
            rs = rs with { Checkers = rs.Checkers.Concat(CheckerBinder.Bind(ctx, node, effective)).ToEquatableList() };
        return rs;
    }

    public static VirtualServerGroup? BindGroup(BindContext ctx, ConfigNode block)
    {
        var name = ctx.Word(block, "a group name");
        if (name is null || !ctx.RequireBlock(block)) return null;
        var members = new List<VirtualServerGroupMember>();
        foreach (var line in block.Children)
            if (GroupMember(ctx, line) is { } member) members.Add(member);
        return new VirtualServerGroup { Name = name, Members = members.ToEquatableList() };
    }

    private static VirtualServerGroupMember? GroupMember(BindContext ctx, ConfigNode line)
    {
        var words = line.Words.ToList();
        void Fail() => ctx.Error(line.Location, $"virtual_server_group: expected IP PORT, IP-LAST PORT or fwmark N [inet|inet6], got '{string.Join(' ', words)}'");
        if (words.Count == 3 && words[0] == "fwmark")
        {
            if (!Families.TryGetValue(words[2], out var family)) return Fail2();
            return GroupMember(ctx, line with { Keyword = "fwmark", Arguments = [words[1]] }) is { } member ? member with { FwmarkFamily = family } : null;
        }
        if (words.Count != 2) { Fail(); return null; }
        if (words[0] == "fwmark")
            return long.TryParse(words[1], out var mark) && mark is >= 1 and <= uint.MaxValue
                ? new VirtualServerGroupMember { Fwmark = mark }
                : Fail2();
        if (!int.TryParse(words[1], out var port) || port is < 0 or > 65535) return Fail2();
        var dash = words[0].LastIndexOf('-');
        var ipText = dash < 0 ? words[0] : words[0][..dash];
        if (!BindContext.TryParseIp(ipText, out var ip)) return Fail2();
        int? end = null;
        if (dash >= 0)
        {
            var isV4 = ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork;
            if (!int.TryParse(words[0][(dash + 1)..], isV4 ? System.Globalization.NumberStyles.None : System.Globalization.NumberStyles.HexNumber, null, out var last)
                || last < LastPart(ip) || last > (isV4 ? 255 : 0xffff))
                return Fail2();
            end = last;
        }
        return new VirtualServerGroupMember { Ip = ip, RangeEnd = end, Port = port };

        VirtualServerGroupMember? Fail2() { Fail(); return null; }
    }

    private static int LastPart(IPAddress ip)
    {
        var bytes = ip.GetAddressBytes();
        return bytes.Length == 4 ? bytes[3] : (bytes[14] << 8) | bytes[15];
    }
}
