using System.Globalization;
using System.Net.Sockets;
using Director.Core.Config.Hocon;
using Director.Core.Config.Model;
using Director.Core.Config.Syntax;

namespace Director.Core.Config.Validation;

/// <summary>
/// Semantic checks of a model that did not come through the keepalived.conf binder (HOCON input):
/// the rules of <see cref="ConfigRules"/> and the value ranges the binder enforces while parsing,
/// each reported against the HOCON path of the offending value
/// (<c>director.topology.vrrp_instance[1].virtual_router_id: expected an integer 1-255, got '300'</c>).
/// </summary>
public static class ModelValidator
{
    public const string Root = "director.topology";

    /// <param name="lines">The source text's key lines: each diagnostic then carries the line of its path (else no line).</param>
    public static IReadOnlyList<ConfigDiagnostic> Validate(KeepalivedConfig config, string sourceName, HoconKeyLines? lines = null)
    {
        var report = new Report(sourceName, lines);
        GlobalDefs(report, config.GlobalDefs, Root + ".global_defs");
        TrackFiles(report, config.TrackFile);
        Scripts(report, config.VrrpScript);
        SyncGroups(report, config);
        Instances(report, config);
        ServerGroups(report, config.VirtualServerGroup);
        Servers(report, config);
        return report.Diagnostics;
    }

    private static void GlobalDefs(Report report, GlobalDefs global, string path)
    {
        report.Range($"{path}.vrrp_version", global.VrrpVersion, 2, 3);
        report.Range($"{path}.vrrp_garp_master_repeat", global.VrrpGarpMasterRepeat, 1, int.MaxValue);
        report.Range($"{path}.vrrp_garp_master_refresh_repeat", global.VrrpGarpMasterRefreshRepeat, 1, int.MaxValue);
        report.NotNegative($"{path}.smtp_connect_timeout", global.SmtpConnectTimeout);
        if (global.VrrpMcastGroup4.AddressFamily != AddressFamily.InterNetwork)
            report.Error($"{path}.vrrp_mcast_group4", $"expected an IPv4 address, got '{global.VrrpMcastGroup4}'");
        if (global.VrrpMcastGroup6.AddressFamily != AddressFamily.InterNetworkV6)
            report.Error($"{path}.vrrp_mcast_group6", $"expected an IPv6 address, got '{global.VrrpMcastGroup6}'");
        if (global.SmtpServer is { } smtp) report.Range($"{path}.smtp_server.port", smtp.Port, 1, 65535);
        if (global.LvsTimeouts is { } lvs)
        {
            report.Range($"{path}.lvs_timeouts.tcp", lvs.Tcp, 0, 86400 * 31);
            report.Range($"{path}.lvs_timeouts.tcp_fin", lvs.TcpFin, 0, 86400 * 31);
            report.Range($"{path}.lvs_timeouts.udp", lvs.Udp, 0, 86400 * 31);
        }
    }

    private static void TrackFiles(Report report, IReadOnlyList<TrackFile> files)
    {
        for (var i = 0; i < files.Count; i++)
        {
            var path = $"{Root}.track_file[{i}]";
            report.NotEmpty($"{path}.name", files[i].Name);
            if (files[i].File.Length == 0) report.Error($"{path}.file", $"{files[i].Name}: missing file");
            report.Range($"{path}.weight", files[i].Weight, -254, 254);
        }
        report.Duplicates(files.Select(f => f.Name).ToList(), i => $"{Root}.track_file[{i}].name");
    }

    private static void Scripts(Report report, IReadOnlyList<VrrpScript> scripts)
    {
        for (var i = 0; i < scripts.Count; i++)
        {
            var s = scripts[i];
            var path = $"{Root}.vrrp_script[{i}]";
            report.NotEmpty($"{path}.name", s.Name);
            if (s.Script.Length == 0) report.Error($"{path}.script", $"{s.Name}: missing script");
            report.Positive($"{path}.interval", s.Interval);
            if (s.Timeout is { } timeout) report.Positive($"{path}.timeout", timeout);
            report.Range($"{path}.weight", s.Weight, -253, 253);
            report.Range($"{path}.rise", s.Rise, 1, int.MaxValue);
            report.Range($"{path}.fall", s.Fall, 1, int.MaxValue);
        }
        report.Duplicates(scripts.Select(s => s.Name).ToList(), i => $"{Root}.vrrp_script[{i}].name");
    }

    private static void SyncGroups(Report report, KeepalivedConfig config)
    {
        var groups = config.VrrpSyncGroup;
        for (var i = 0; i < groups.Count; i++)
        {
            report.NotEmpty($"{Root}.vrrp_sync_group[{i}].name", groups[i].Name);
            if (groups[i].Group.Count == 0)
                report.Error($"{Root}.vrrp_sync_group[{i}].group", $"{groups[i].Name}: missing group of instances");
            else if (groups[i].Group.Count == 1)
                report.Warning($"{Root}.vrrp_sync_group[{i}].group", $"{groups[i].Name} has only one instance");
        }
        report.Duplicates(groups.Select(g => g.Name).ToList(), i => $"{Root}.vrrp_sync_group[{i}].name");
        var names = config.VrrpInstance.Select(v => v.Name).ToHashSet();
        foreach (var (index, message) in ConfigRules.SyncGroups(groups, names))
            report.Error($"{Root}.vrrp_sync_group[{index}].group", message);
    }

    private static void Instances(Report report, KeepalivedConfig config)
    {
        var instances = config.VrrpInstance;
        var scripts = config.VrrpScript.Select(s => s.Name).ToHashSet();
        var files = config.TrackFile.Select(f => f.Name).ToHashSet();
        for (var i = 0; i < instances.Count; i++)
        {
            var vi = instances[i];
            var path = $"{Root}.vrrp_instance[{i}]";
            report.NotEmpty($"{path}.name", vi.Name);
            if (vi.Interface.Length == 0) report.Error($"{path}.interface", $"{vi.Name}: missing interface");
            report.Range($"{path}.virtual_router_id", vi.VirtualRouterId, 1, 255);
            report.Range($"{path}.priority", vi.Priority, 1, 255);
            var versionOk = report.Range($"{path}.version", vi.Version, 2, 3);
            if (versionOk && ConfigRules.AdvertInt(vi.AdvertInt, vi.Version, Seconds(vi.AdvertInt)) is { } advert)
                report.Error($"{path}.advert_int", advert);
            else if (versionOk && vi.Version == 3 && ConfigRules.NeedsCentisecondRounding(vi.AdvertInt))
                report.Error($"{path}.advert_int", $"expected whole centiseconds with VRRP version 3, got '{Seconds(vi.AdvertInt)}'");
            if (vi.Authentication is { } auth)
            {
                if (ConfigRules.Authentication(auth, vi.Version) is { } problem) report.Error($"{path}.authentication", problem);
                else if (auth.AuthPass.Length == 0) report.Error($"{path}.authentication.auth_pass", "auth_type PASS needs an auth_pass");
                else if (auth.AuthPass.Length > 8) report.Warning($"{path}.authentication.auth_pass", "only the first 8 characters are used");
            }
            if (ConfigRules.MixedFamilies(vi) is { } mixed) report.Error($"{path}.virtual_ipaddress", mixed);
            else if (ConfigRules.Version2WithIpv6(vi, ConfigRules.Family(vi)) is { } v2) report.Error($"{path}.version", v2);
            report.NotNegative($"{path}.preempt_delay", vi.PreemptDelay);
            report.Range($"{path}.garp_master_repeat", vi.GarpMasterRepeat, 1, int.MaxValue);
            report.Range($"{path}.garp_master_refresh_repeat", vi.GarpMasterRefreshRepeat, 1, int.MaxValue);
            Addresses(report, $"{path}.virtual_ipaddress", vi.VirtualIpaddress);
            Addresses(report, $"{path}.virtual_ipaddress_excluded", vi.VirtualIpaddressExcluded);
            for (var r = 0; r < vi.VirtualRoutes.Count; r++)
                report.Range($"{path}.virtual_routes[{r}].prefix_length", vi.VirtualRoutes[r].PrefixLength, 0, MaxPrefix(vi.VirtualRoutes[r].Destination.AddressFamily));
            for (var t = 0; t < vi.TrackInterface.Count; t++)
            {
                report.NotEmpty($"{path}.track_interface[{t}].name", vi.TrackInterface[t].Name);
                report.Range($"{path}.track_interface[{t}].weight", vi.TrackInterface[t].Weight, -253, 253);
            }
            for (var t = 0; t < vi.TrackScript.Count; t++)
                if (vi.TrackScript[t].Weight is { } w) report.Range($"{path}.track_script[{t}].weight", w, -253, 253);
            foreach (var message in ConfigRules.UnknownTrackedScripts(vi, scripts)) report.Error($"{path}.track_script", message);
            foreach (var message in ConfigRules.UnknownTrackedFiles(vi, files)) report.Error($"{path}.track_file", message);
        }
        report.Duplicates(instances.Select(v => v.Name).ToList(), i => $"{Root}.vrrp_instance[{i}].name");
        foreach (var (index, message) in ConfigRules.DuplicateRouterIds(instances.Select(v => (v, ConfigRules.Family(v))).ToList()))
            report.Error($"{Root}.vrrp_instance[{index}].virtual_router_id", message);
    }

    private static void Addresses(Report report, string path, IReadOnlyList<VirtualIpAddress> addresses)
    {
        for (var a = 0; a < addresses.Count; a++)
            report.Range($"{path}[{a}].prefix_length", addresses[a].PrefixLength, 0, MaxPrefix(addresses[a].Address.AddressFamily));
    }

    private static int MaxPrefix(AddressFamily family) => family == AddressFamily.InterNetworkV6 ? 128 : 32;

    private static void ServerGroups(Report report, IReadOnlyList<VirtualServerGroup> groups)
    {
        for (var i = 0; i < groups.Count; i++)
        {
            var path = $"{Root}.virtual_server_group[{i}]";
            report.NotEmpty($"{path}.name", groups[i].Name);
            for (var m = 0; m < groups[i].Members.Count; m++)
            {
                var member = groups[i].Members[m];
                var memberPath = $"{path}.members[{m}]";
                if ((member.Ip is null) == (member.Fwmark is null))
                    report.Error(memberPath, "expected either ip and port or fwmark");
                if (member.Fwmark is { } mark) report.Range($"{memberPath}.fwmark", mark, 1, uint.MaxValue);
                report.Range($"{memberPath}.port", member.Port, 0, 65535);
                if (member.RangeEnd is { } end && member.Ip is { } ip)
                {
                    var bytes = ip.GetAddressBytes();
                    var last = bytes.Length == 4 ? bytes[3] : (bytes[14] << 8) | bytes[15];
                    report.Range($"{memberPath}.range_end", end, last, bytes.Length == 4 ? 255 : 0xffff);
                }
            }
        }
        report.Duplicates(groups.Select(g => g.Name).ToList(), i => $"{Root}.virtual_server_group[{i}].name");
    }

    private static void Servers(Report report, KeepalivedConfig config)
    {
        var servers = config.VirtualServer;
        var groups = config.VirtualServerGroup.Select(g => g.Name).ToHashSet();
        var files = config.TrackFile.Select(f => f.Name).ToHashSet();
        for (var i = 0; i < servers.Count; i++)
        {
            var vs = servers[i];
            var path = $"{Root}.virtual_server[{i}]";
            switch (vs.Address)
            {
                case IpPortAddress a: report.Range($"{path}.address.port", a.Port, 0, 65535); break;
                case FwmarkAddress f: report.Range($"{path}.address.fwmark", f.Fwmark, 1, uint.MaxValue); break;
                case GroupAddress g: report.NotEmpty($"{path}.address.group", g.Group); break;
            }
            if (ConfigRules.UnknownServerGroup(vs, groups) is { } unknownGroup) report.Error($"{path}.address.group", unknownGroup);
            report.Positive($"{path}.delay_loop", vs.DelayLoop);
            report.Range($"{path}.quorum", vs.Quorum, 1, uint.MaxValue);
            report.Range($"{path}.hysteresis", vs.Hysteresis, 0, uint.MaxValue);
            if (vs.SorryServer is { } sorry) report.Range($"{path}.sorry_server.port", sorry.Port, 0, 65535);
            Tunnel(report, $"{path}.tunnel", vs.Tunnel);
            Tunnel(report, $"{path}.sorry_server_tunnel", vs.SorryServerTunnel);
            if (vs.Ops && vs.Protocol != Protocol.Udp && vs.Address is not FwmarkAddress)
                report.Warning($"{path}.ops", "ops (one-packet scheduling) needs protocol UDP: ignored");
            var seen = new HashSet<RealServerAddress>();
            for (var r = 0; r < vs.RealServer.Count; r++)
            {
                var rs = vs.RealServer[r];
                var rsPath = $"{path}.real_server[{r}]";
                report.Range($"{rsPath}.address.port", rs.Address.Port, 0, 65535);
                report.Range($"{rsPath}.weight", rs.Weight, 0, 65535);
                Tunnel(report, $"{rsPath}.tunnel", rs.Tunnel);
                if (!seen.Add(rs.Address)) report.Error($"{rsPath}.address", ConfigRules.DuplicateRealServer(rs.Address));
                for (var c = 0; c < rs.Checkers.Count; c++)
                    Checker(report, $"{rsPath}.checkers[{c}]", rs.Checkers[c], files);
            }
        }
        foreach (var (index, message) in ConfigRules.DuplicateServers(servers, i => Shown(servers[i].Address)))
            report.Error($"{Root}.virtual_server[{index}].address", message);
    }

    private static void Tunnel(Report report, string path, TunnelOptions? tunnel)
    {
        if (tunnel is not null && ConfigRules.TunnelProblem(tunnel) is { } problem) report.Error(path, problem);
    }

    private static void Checker(Report report, string path, HealthChecker checker, IReadOnlySet<string> files)
    {
        report.Range($"{path}.retry", checker.Retry, 0, int.MaxValue);
        if (checker.DelayBeforeRetry is { } retryDelay) report.NotNegative($"{path}.delay_before_retry", retryDelay);
        if (checker.DelayLoop is { } loop) report.Positive($"{path}.delay_loop", loop);
        if (checker is NetworkChecker network)
        {
            report.Positive($"{path}.connect_timeout", network.ConnectTimeout);
            if (network.ConnectPort is { } port) report.Range($"{path}.connect_port", port, 1, 65535);
            if (network.BindPort is { } bindPort) report.Range($"{path}.bind_port", bindPort, 1, 65535);
        }
        switch (checker)
        {
            case HttpCheckerBase http:
                if (http.Url.Count == 0) report.Error($"{path}.url", "expected at least one url { path ... }");
                if (http.HttpProtocol is { } protocol && !ConfigRules.HttpProtocols.Contains(protocol))
                    report.Error($"{path}.http_protocol", $"expected 0.9, 1.0, 1.0C or 1.1, got '{protocol}'");
                for (var u = 0; u < http.Url.Count; u++)
                {
                    var url = http.Url[u];
                    if (url.Digest is { } digest && !ConfigRules.IsDigest(digest))
                        report.Error($"{path}.url[{u}].digest", $"expected an MD5 digest (32 hex digits), got '{digest}'");
                    for (var s = 0; s < url.StatusCode.Count; s++)
                        if (ConfigRules.StatusCode(url.StatusCode[s]) is { } bad) report.Error($"{path}.url[{u}].status_code[{s}]", bad);
                }
                break;
            case DnsCheck dns when !ConfigRules.DnsTypes.Contains(dns.Type):
                report.Error($"{path}.type", $"expected one of {string.Join(' ', ConfigRules.DnsTypes)}, got '{dns.Type}'");
                break;
            case MiscCheck misc when misc.MiscPath.Length == 0:
                report.Error($"{path}.misc_path", "missing misc_path");
                break;
            case FileCheck file:
                if (file.TrackFile.Length == 0) report.Error($"{path}.track_file", "missing track_file");
                else if (ConfigRules.UnknownCheckerTrackFile(file.TrackFile, files) is { } unknown) report.Error($"{path}.track_file", unknown);
                break;
            case BfdCheck bfd when bfd.Name.Length == 0:
                report.Error($"{path}.name", "missing name");
                break;
        }
    }

    private static string Shown(VirtualServerAddress address) => address switch
    {
        IpPortAddress a => $"{a.Ip} {a.Port}",
        FwmarkAddress f => $"fwmark {f.Fwmark}",
        GroupAddress g => $"group {g.Group}",
        _ => address.ToString()!,
    };

    private static string Seconds(TimeSpan value) => value.TotalSeconds.ToString(CultureInfo.InvariantCulture);

    private sealed class Report(string sourceName, HoconKeyLines? lines)
    {
        public List<ConfigDiagnostic> Diagnostics { get; } = [];

        public void Error(string path, string message) => Diagnostics.Add(ConfigDiagnostic.Error(At(path), $"{path}: {message}"));

        public void Warning(string path, string message) => Diagnostics.Add(ConfigDiagnostic.Warning(At(path), $"{path}: {message}"));

        private SourceLocation At(string path) => new(sourceName, lines?.NearestLineOf(path) ?? 0);

        public bool Range(string path, long value, long min, long max)
        {
            if (ConfigRules.Range(value, min, max) is not { } problem) return true;
            Error(path, problem);
            return false;
        }

        public void NotEmpty(string path, string value)
        {
            if (value.Length == 0) Error(path, "expected a non-empty string");
        }

        public void Positive(string path, TimeSpan value)
        {
            if (value <= TimeSpan.Zero) Error(path, $"expected a duration greater than zero, got '{Seconds(value)}s'");
        }

        public void NotNegative(string path, TimeSpan value)
        {
            if (value < TimeSpan.Zero) Error(path, $"expected a duration of zero or more, got '{Seconds(value)}s'");
        }

        public void Duplicates(IReadOnlyList<string> names, Func<int, string> path)
        {
            foreach (var (index, message) in ConfigRules.DuplicateNames(names)) Error(path(index), message);
        }
    }
}
