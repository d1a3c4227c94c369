using System.Globalization;
using Director.Core.Config.Model;
using Director.Core.Config.Syntax;

namespace Director.Core.Config.Binding;

/// <summary>Binds the checker blocks of a <c>real_server</c> (TCP_CHECK, HTTP_GET, ...).</summary>
internal static class CheckerBinder
{
    public static bool IsChecker(string keyword) => Create(keyword) is not null;

    /// <summary>
    /// The checkers of one block: usually one, but each <c>host { }</c> of an SMTP_CHECK becomes
    /// its own checker (keepalived's older multi-host form).
    /// </summary>
    public static IReadOnlyList<HealthChecker> Bind(BindContext ctx, ConfigNode block, CheckerDefaults inherited)
    {
        var c = inherited.ApplyTo(Create(block.Keyword)!);
        if (!block.HasBlock) return [c];
        var hosts = new List<ConfigNode>();
        var handlers = new Dictionary<string, Action<ConfigNode>>
        {
            ["retry"] = n => c = c with { Retry = ctx.Int(n, 0, int.MaxValue) ?? c.Retry },
            ["nb_get_retry"] = n => c = c with { Retry = ctx.Int(n, 0, int.MaxValue) ?? c.Retry },
            ["delay_before_retry"] = n => c = c with { DelayBeforeRetry = ctx.Timer(n) ?? c.DelayBeforeRetry },
            ["delay_loop"] = n => c = c with { DelayLoop = ctx.Timer(n) ?? c.DelayLoop },
            ["warmup"] = n => c = c with { Warmup = ctx.Timer(n) ?? c.Warmup },
            ["log_all_failures"] = n => c = c with { LogAllFailures = ctx.Flag(n) },
        };
        if (c is NetworkChecker) AddNetwork(ctx, handlers, () => (NetworkChecker)c, v => c = v);

        // Registers a keyword of one checker kind; the handler gets and returns that kind.
        void On<T>(string keyword, Func<T, ConfigNode, T> apply) where T : HealthChecker =>
            handlers[keyword] = n => c = apply((T)c, n);

        switch (c)
        {
            case HttpCheckerBase:
                On<HttpCheckerBase>("url", (h, n) => Url(ctx, n) is { } url ? h with { Url = h.Url.Append(url).ToEquatableList() } : h);
                On<HttpCheckerBase>("virtualhost", (h, n) => h with { Virtualhost = ctx.Word(n, "a host name") ?? h.Virtualhost });
                On<HttpCheckerBase>("http_protocol", (h, n) => h with { HttpProtocol = HttpProtocol(ctx, n) ?? h.HttpProtocol });
                if (c is SslGetCheck) On<SslGetCheck>("enable_sni", (h, n) => h with { EnableSni = ctx.Flag(n) });
                break;
            case MiscCheck:
                On<MiscCheck>("misc_path", (m, n) => m with { MiscPath = ctx.Command(n) ?? m.MiscPath });
                On<MiscCheck>("misc_timeout", (m, n) => m with { MiscTimeout = ctx.Timer(n) ?? m.MiscTimeout });
                On<MiscCheck>("misc_dynamic", (m, n) => m with { MiscDynamic = ctx.Flag(n) });
                On<MiscCheck>("user", (m, n) => m with { User = GlobalDefsBinder.ScriptUser(ctx, n) ?? m.User });
                break;
            case SmtpCheck:
                On<SmtpCheck>("helo_name", (m, n) => m with { HeloName = ctx.Word(n, "a host name") ?? m.HeloName });
                handlers["host"] = n => { if (ctx.RequireBlock(n)) hosts.Add(n); };
                break;
            case DnsCheck:
                On<DnsCheck>("type", (d, n) => d with { Type = DnsType(ctx, n) ?? d.Type });
                On<DnsCheck>("name", (d, n) => d with { Name = ctx.Word(n, "a domain name") ?? d.Name });
                break;
            case UdpCheck:
                On<UdpCheck>("require_reply", (u, n) => u with { RequireReply = ctx.Flag(n) });
                break;
            case FileCheck:
                On<FileCheck>("track_file", (f, n) =>
                {
                    if (n.Arguments.Count > 0) ctx.CheckerTrackFileReferences.Add(n);
                    return f with { TrackFile = ctx.Word(n, "a track_file name") ?? f.TrackFile };
                });
                On<FileCheck>("weight", (f, n) => FileWeight(ctx, n, f));
                break;
            case BfdCheck:
                On<BfdCheck>("name", (b, n) => b with { Name = ctx.Word(n, "a bfd_instance name") ?? b.Name });
                break;
        }
        ctx.Each(block, handlers);
        if (Complete(ctx, block, c) is not { } complete) return [];
        return hosts.Count == 0 ? [complete] : hosts.Select(h => SmtpHost(ctx, h, (SmtpCheck)complete)).ToList();
    }

    private static HealthChecker SmtpHost(BindContext ctx, ConfigNode host, SmtpCheck check)
    {
        NetworkChecker c = check;
        var handlers = new Dictionary<string, Action<ConfigNode>>();
        AddNetwork(ctx, handlers, () => c, v => c = v);
        ctx.Each(host, handlers);
        return c;
    }

    private static HealthChecker? Complete(BindContext ctx, ConfigNode block, HealthChecker c)
    {
        switch (c)
        {
            case HttpCheckerBase { Url.Count: 0 }: ctx.Error(block, "expected at least one url { path ... } block"); return null;
            case MiscCheck { MiscPath.Length: 0 }: ctx.Error(block, "missing misc_path"); return null;
            case FileCheck { TrackFile.Length: 0 }: ctx.Error(block, "missing track_file"); return null;
            case BfdCheck { Name.Length: 0 }: ctx.Error(block, "missing name"); return null;
            default: return c;
        }
    }

    private static HealthChecker? Create(string keyword) => keyword switch
    {
        "TCP_CHECK" => new TcpCheck(),
        "HTTP_GET" => new HttpGetCheck(),
        "SSL_GET" => new SslGetCheck(),
        "MISC_CHECK" => new MiscCheck(),
        "SMTP_CHECK" => new SmtpCheck(),
        "DNS_CHECK" => new DnsCheck(),
        "UDP_CHECK" => new UdpCheck(),
        "PING_CHECK" => new PingCheck(),
        "FILE_CHECK" => new FileCheck(),
        "BFD_CHECK" => new BfdCheck(),
        _ => null,
    };

    private static void AddNetwork(BindContext ctx, Dictionary<string, Action<ConfigNode>> handlers, Func<NetworkChecker> get, Action<NetworkChecker> set)
    {
        handlers["connect_timeout"] = n => set(get() with { ConnectTimeout = ctx.Timer(n) ?? get().ConnectTimeout });
        handlers["connect_ip"] = n => set(get() with { ConnectIp = ctx.Ip(n) ?? get().ConnectIp });
        handlers["connect_port"] = n => set(get() with { ConnectPort = ctx.Int(n, 1, 65535) ?? get().ConnectPort });
        handlers["bindto"] = n => set(get() with { Bindto = ctx.Ip(n) ?? get().Bindto });
        handlers["bind_port"] = n => set(get() with { BindPort = ctx.Int(n, 1, 65535) ?? get().BindPort });
    }

    private static UrlCheck? Url(BindContext ctx, ConfigNode block)
    {
        if (!ctx.RequireBlock(block)) return null;
        var url = new UrlCheck();
        string? path = null;
        ctx.Each(block, new Dictionary<string, Action<ConfigNode>>
        {
            ["path"] = n => path = ctx.Word(n, "a URL path") ?? path,
            ["digest"] = n => url = url with { Digest = Digest(ctx, n) ?? url.Digest },
            ["status_code"] = n => url = url with { StatusCode = StatusCodes(ctx, n) ?? url.StatusCode },
            ["virtualhost"] = n => url = url with { Virtualhost = ctx.Word(n, "a host name") ?? url.Virtualhost },
        });
        if (path is null) { ctx.Error(block, "missing path"); return null; }
        return url with { Path = path };
    }

    private static string? Digest(BindContext ctx, ConfigNode n)
    {
        var text = ctx.Word(n, "an MD5 digest (32 hex digits)");
        if (text is null) return null;
        if (Validation.ConfigRules.IsDigest(text)) return text.ToLowerInvariant();
        ctx.Error(n, $"expected an MD5 digest (32 hex digits), got '{text}'");
        return null;
    }

    private static EquatableList<StatusCodeRange>? StatusCodes(BindContext ctx, ConfigNode n)
    {
        if (n.Arguments.Count == 0) { ctx.Error(n, "expected a status code or range (e.g. 200 or 200-299)"); return null; }
        var ranges = new List<StatusCodeRange>();
        var ok = true;
        foreach (var arg in n.Arguments)
        {
            var parts = arg.Split('-');
            if (parts.Length is 1 or 2
                && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var from)
                && int.TryParse(parts[^1], NumberStyles.None, CultureInfo.InvariantCulture, out var to)
                && from is >= 100 and <= 999 && to is >= 100 and <= 999 && from <= to)
                ranges.Add(new StatusCodeRange { From = from, To = to });
            else
            {
                ctx.Error(n, $"expected a status code 100-999 or a range like 200-299, got '{arg}'");
                ok = false;
            }
        }
        return ok ? ranges.ToEquatableList() : null;
    }

    private static string? HttpProtocol(BindContext ctx, ConfigNode n)
    {
        var text = ctx.Word(n, "0.9, 1.0, 1.0C or 1.1");
        if (text is null || Validation.ConfigRules.HttpProtocols.Contains(text)) return text;
        ctx.Error(n, $"expected 0.9, 1.0, 1.0C or 1.1, got '{text}'");
        return null;
    }

    private static string? DnsType(BindContext ctx, ConfigNode n)
    {
        var text = ctx.Word(n, "a DNS type");
        if (text is null) return null;
        var upper = text.ToUpperInvariant();
        if (Validation.ConfigRules.DnsTypes.Contains(upper)) return upper;
        ctx.Error(n, $"expected one of {string.Join(' ', Validation.ConfigRules.DnsTypes)}, got '{text}'");
        return null;
    }

    private static FileCheck FileWeight(BindContext ctx, ConfigNode n, FileCheck c)
    {
        var weight = TrackFileBinder.Weight(ctx, n, 0);
        return weight is null ? c : c with { Weight = weight.Value.Weight, Reverse = weight.Value.Reverse };
    }
}
