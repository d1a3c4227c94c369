namespace Director.Integration.Tests.Vrrp;

/// <summary>
/// One vrrp_instance of a test node, rendered as keepalived configuration text (director reads
/// the same file). <see cref="AdvertInterval"/> is in seconds (v3 allows fractions). A null
/// <see cref="Version"/> leaves the line out (IPv6 VIPs then imply version 3); VIPs carry
/// <see cref="VipPrefixLength"/>, else /32 (IPv4) or /128 (IPv6). A null <see cref="Accept"/>
/// leaves accept mode to the default (accept), else writes <c>accept</c> or <c>no_accept</c>.
/// </summary>
public sealed record VrrpInstanceSpec(
    string Name,
    string Interface,
    byte Vrid,
    int Priority,
    IReadOnlyList<string> Vips,
    int? Version = 3,
    double AdvertInterval = 0.1,
    string State = "BACKUP",
    bool NoPreempt = false,
    string? Password = null,
    IReadOnlyList<string>? TrackInterfaces = null,
    IReadOnlyList<string>? TrackScripts = null,
    int? VipPrefixLength = null,
    bool? Accept = null)
{
    public string Render()
    {
        var lines = new List<string>
        {
            $"vrrp_instance {Name} {{",
            $"    state {State}",
            $"    interface {Interface}",
            $"    virtual_router_id {Vrid}",
            $"    priority {Priority}",
            $"    advert_int {AdvertInterval.ToString(System.Globalization.CultureInfo.InvariantCulture)}",
            // Keep test output quiet and fast: one gratuitous ARP, no repeat after the delay.
            "    garp_master_repeat 1",
            "    garp_master_delay 0",
        };
        if (Version is { } version) lines.Insert(6, $"    version {version}");
        if (NoPreempt) lines.Add("    nopreempt");
        if (Accept is { } accept) lines.Add(accept ? "    accept" : "    no_accept");
        if (Password is not null)
            lines.AddRange(["    authentication {", "        auth_type PASS", $"        auth_pass {Password}", "    }"]);
        if (TrackInterfaces is { Count: > 0 })
            lines.AddRange(["    track_interface {", .. TrackInterfaces.Select(i => $"        {i}"), "    }"]);
        if (TrackScripts is { Count: > 0 })
            lines.AddRange(["    track_script {", .. TrackScripts.Select(s => $"        {s}"), "    }"]);
        lines.AddRange(["    virtual_ipaddress {", .. Vips.Select(v => $"        {v}/{PrefixLength(v)} dev {Interface}"), "    }", "}"]);
        return string.Join('\n', lines) + "\n";
    }

    private int PrefixLength(string vip) => VipPrefixLength ?? (vip.Contains(':', StringComparison.Ordinal) ? 128 : 32);
}

/// <summary>A vrrp_script block.</summary>
public sealed record VrrpScriptSpec(string Name, string Script, int Weight, int Interval = 1, int Fall = 1, int Rise = 1)
{
    public string Render() =>
        $"vrrp_script {Name} {{\n    script \"{Script}\"\n    interval {Interval}\n    weight {Weight}\n    fall {Fall}\n    rise {Rise}\n}}\n";
}

/// <summary>A whole configuration file of one node.</summary>
public sealed record NodeConfig(IReadOnlyList<VrrpInstanceSpec> Instances, IReadOnlyList<VrrpScriptSpec>? Scripts = null, IReadOnlyDictionary<string, IReadOnlyList<string>>? SyncGroups = null)
{
    public string Render(string routerId)
    {
        var text = $"global_defs {{\n    router_id {routerId}\n    script_user root\n}}\n";
        foreach (var script in Scripts ?? []) text += script.Render();
        foreach (var (group, members) in SyncGroups ?? new Dictionary<string, IReadOnlyList<string>>())
            text += $"vrrp_sync_group {group} {{\n    group {{\n{string.Join('\n', members.Select(m => $"        {m}"))}\n    }}\n}}\n";
        foreach (var instance in Instances) text += instance.Render();
        return text;
    }
}
