using System.Globalization;
using System.Net.Sockets;
using Director.Core.Config.Model;

namespace Director.Core.Config.Validation;

/// <summary>
/// The semantic rules of a configuration as small pure functions, shared by the keepalived.conf
/// binder (which reports at file:line) and <see cref="ModelValidator"/> (which reports at the HOCON
/// path). A rule returns the message without location, or null when the value is fine; rules over
/// lists return the index of the offending item with the message.
/// </summary>
public static class ConfigRules
{
    /// <summary>keepalived 2.2's tunnel rules: GUE needs a port (1-65535) and only GUE takes one; IPIP takes no checksum option, GRE no remote checksum.</summary>
    public static string? TunnelProblem(Model.TunnelOptions tunnel)
    {
        ArgumentNullException.ThrowIfNull(tunnel);
        if ((tunnel.Type == Model.TunnelType.Gue) != (tunnel.Port != 0)) return "gue tunnels require a port, and only gue tunnels take one";
        if (tunnel.Port is < 0 or > 65535) return "the gue port must be 1-65535";
        if (tunnel.Type == Model.TunnelType.Ipip && tunnel.Checksum != Model.TunnelChecksum.NoCsum) return "ipip tunnels take no checksum option";
        if (tunnel.Type == Model.TunnelType.Gre && tunnel.Checksum == Model.TunnelChecksum.RemCsum) return "gre tunnels take no remote checksum option";
        return null;
    }

    public static string RangeText(long min, long max) => max switch
    {
        int.MaxValue or long.MaxValue => $"an integer >= {min}",
        _ => $"an integer {min}-{max}",
    };

    public static string? Range(long value, long min, long max) =>
        value >= min && value <= max ? null : $"expected {RangeText(min, max)}, got '{value.ToString(CultureInfo.InvariantCulture)}'";

    /// <summary>advert_int within the range the VRRP version carries (v2: whole seconds 1-255; v3: centiseconds 0.01-40.95).</summary>
    public static string? AdvertInt(TimeSpan interval, int version, string shown)
    {
        var seconds = interval.TotalSeconds;
        if (version == 2 && (seconds < 1 || seconds > 255 || seconds != Math.Floor(seconds)))
            return $"expected whole seconds 1-255 with VRRP version 2, got '{shown}'";
        if (version == 3 && (seconds < 0.01 || seconds > 40.95))
            return $"expected 0.01-40.95 seconds with VRRP version 3, got '{shown}'";
        return null;
    }

    /// <summary>True when a v3 interval is not a whole number of centiseconds (the binder rounds it).</summary>
    public static bool NeedsCentisecondRounding(TimeSpan interval) =>
        Math.Abs(interval.TotalSeconds * 100 - Math.Round(interval.TotalSeconds * 100)) > 1e-9;

    public static string? Authentication(Authentication auth, int version) =>
        version == 3 ? "not supported with VRRP version 3 (RFC 5798 has no authentication)"
        : auth.AuthType == AuthType.Ah ? "auth_type AH is not supported by director"
        : null;

    public static string? MixedFamilies(VrrpInstance instance) =>
        instance.VirtualIpaddress.Select(a => a.Address.AddressFamily).Distinct().Count() > 1
            ? $"{instance.Name} mixes IPv4 and IPv6 addresses (one instance carries one family)"
            : null;

    public static string? Version2WithIpv6(VrrpInstance instance, AddressFamily family) =>
        family == AddressFamily.InterNetworkV6 && instance.Version == 2
            ? $"{instance.Name} carries IPv6 addresses: VRRP version 2 is IPv4 only (RFC 3768), use version 3"
            : null;

    /// <summary>The family an instance advertises in: its addresses', else its source address's, else IPv4.</summary>
    public static AddressFamily Family(VrrpInstance instance)
    {
        if (instance.VirtualIpaddress.Count > 0) return instance.VirtualIpaddress[0].Address.AddressFamily;
        var src = instance.UnicastSrcIp ?? instance.McastSrcIp;
        return src?.AddressFamily ?? AddressFamily.InterNetwork;
    }

    /// <summary>Instances reusing a VRID already taken on the same interface and family.</summary>
    public static IEnumerable<(int Index, string Message)> DuplicateRouterIds(IReadOnlyList<(VrrpInstance Instance, AddressFamily Family)> instances)
    {
        var seen = new Dictionary<(string, AddressFamily, int), VrrpInstance>();
        for (var i = 0; i < instances.Count; i++)
        {
            var (vi, family) = instances[i];
            if (vi.VirtualRouterId == 0 || vi.Interface.Length == 0) continue;
            var key = (vi.Interface, family, vi.VirtualRouterId);
            if (seen.TryGetValue(key, out var first))
                yield return (i, $"{vi.VirtualRouterId} is already used on {vi.Interface} ({FamilyName(family)}) by vrrp_instance {first.Name}");
            else seen[key] = vi;
        }
    }

    public static IEnumerable<(int Index, string Message)> DuplicateNames(IReadOnlyList<string> names)
    {
        var seen = new HashSet<string>();
        for (var i = 0; i < names.Count; i++)
            if (!seen.Add(names[i]))
                yield return (i, $"{names[i]} is defined more than once");
    }

    /// <summary>Sync group members that are not instances or already belong to an earlier group.</summary>
    public static IEnumerable<(int Index, string Message)> SyncGroups(IReadOnlyList<VrrpSyncGroup> groups, IReadOnlySet<string> instanceNames)
    {
        var owner = new Dictionary<string, string>();
        for (var i = 0; i < groups.Count; i++)
        {
            var group = groups[i];
            foreach (var member in group.Group)
            {
                if (!instanceNames.Contains(member))
                    yield return (i, $"{group.Name}: unknown vrrp_instance '{member}'");
                else if (owner.TryGetValue(member, out var other))
                    yield return (i, $"{group.Name}: vrrp_instance '{member}' is already in vrrp_sync_group {other}");
                else owner[member] = group.Name;
            }
        }
    }

    public static IEnumerable<string> UnknownTrackedScripts(VrrpInstance instance, IReadOnlySet<string> scripts) =>
        instance.TrackScript.Where(t => !scripts.Contains(t.Name))
            .Select(t => $"{instance.Name}: track_script '{t.Name}' is not a vrrp_script");

    public static IEnumerable<string> UnknownTrackedFiles(VrrpInstance instance, IReadOnlySet<string> files) =>
        instance.TrackFile.Where(t => !files.Contains(t.Name))
            .Select(t => $"{instance.Name}: track_file '{t.Name}' is not defined");

    public static string? UnknownCheckerTrackFile(string name, IReadOnlySet<string> files) =>
        files.Contains(name) ? null : $"'{name}' is not a top-level track_file";

    public static string? UnknownServerGroup(VirtualServer server, IReadOnlySet<string> groups) =>
        server.Address is GroupAddress g && !groups.Contains(g.Group) ? $"unknown virtual_server_group '{g.Group}'" : null;

    /// <summary>Virtual servers with the same address and protocol as an earlier one; <paramref name="shown"/> renders the address.</summary>
    public static IEnumerable<(int Index, string Message)> DuplicateServers(IReadOnlyList<VirtualServer> servers, Func<int, string> shown)
    {
        var seen = new HashSet<(VirtualServerAddress, Protocol)>();
        for (var i = 0; i < servers.Count; i++)
            if (!seen.Add((servers[i].Address, servers[i].Protocol)))
                yield return (i, $"{shown(i)} ({servers[i].Protocol.ToString().ToUpperInvariant()}) is defined more than once");
    }

    public static string DuplicateRealServer(RealServerAddress address) =>
        $"{address.Ip} port {address.Port} is already a real server of this virtual_server";

    public static string? StatusCode(StatusCodeRange range) =>
        range.From is >= 100 and <= 999 && range.To is >= 100 and <= 999 && range.From <= range.To
            ? null
            : $"expected a status code 100-999 or a range like 200-299, got '{range}'";

    public static bool IsDigest(string text) => text.Length == 32 && text.All(char.IsAsciiHexDigit);

    public static readonly string[] HttpProtocols = ["0.9", "1.0", "1.0C", "1.1"];

    public static readonly string[] DnsTypes = ["A", "NS", "CNAME", "SOA", "MX", "TXT", "AAAA"];

    public static string FamilyName(AddressFamily family) => family == AddressFamily.InterNetworkV6 ? "IPv6" : "IPv4";
}
