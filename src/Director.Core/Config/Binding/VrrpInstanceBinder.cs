using System.Globalization;
using System.Net.Sockets;
using Director.Core.Config.Model;
using Director.Core.Config.Syntax;
using Director.Core.Config.Validation;

namespace Director.Core.Config.Binding;

/// <summary>An instance with the nodes that later checks across instances need to point at.</summary>
internal sealed record BoundInstance(VrrpInstance Instance, ConfigNode Node, ConfigNode? VridNode, AddressFamily Family);

/// <summary>Binds a <c>vrrp_instance</c> and checks what can be checked within it.</summary>
internal static class VrrpInstanceBinder
{
    private static readonly Dictionary<string, VrrpState> States = new()
    {
        ["MASTER"] = VrrpState.Master,
        ["BACKUP"] = VrrpState.Backup,
    };

    private static readonly Dictionary<string, AuthType> AuthTypes = new()
    {
        ["PASS"] = AuthType.Pass,
        ["AH"] = AuthType.Ah,
    };

    public static BoundInstance? Bind(BindContext ctx, ConfigNode block, GlobalDefs global)
    {
        var name = ctx.Word(block, "an instance name");
        if (name is null || !ctx.RequireBlock(block)) return null;
        var vi = new VrrpInstance
        {
            Name = name,
            Version = global.VrrpVersion,
            GarpMasterDelay = global.VrrpGarpMasterDelay,
            GarpMasterRepeat = global.VrrpGarpMasterRepeat,
            GarpMasterRefresh = global.VrrpGarpMasterRefresh,
            GarpMasterRefreshRepeat = global.VrrpGarpMasterRefreshRepeat,
            Accept = !global.VrrpStrict,
            SmtpAlert = global.SmtpAlert,
        };
        VrrpState? state = null;
        ConfigNode? vridNode = null, advertNode = null, authNode = null, vipNode = null, nopreemptNode = null, preemptDelayNode = null, versionNode = null;
        ctx.Each(block, new Dictionary<string, Action<ConfigNode>>
        {
            ["state"] = n => state = ctx.Choice(n, States) ?? state,
            ["interface"] = n => vi = vi with { Interface = ctx.Word(n, "an interface name") ?? vi.Interface },
            ["virtual_router_id"] = n => { vridNode = n; vi = vi with { VirtualRouterId = ctx.Int(n, 1, 255) ?? vi.VirtualRouterId }; },
            ["priority"] = n => vi = vi with { Priority = ctx.Int(n, 1, 255) ?? vi.Priority },
            ["advert_int"] = n => { advertNode = n; vi = vi with { AdvertInt = ctx.Timer(n) ?? vi.AdvertInt }; },
            ["version"] = n => { versionNode = n; vi = vi with { Version = ctx.Int(n, 2, 3) ?? vi.Version }; },
            ["authentication"] = n => { authNode = n; vi = vi with { Authentication = Authentication(ctx, n) ?? vi.Authentication }; },
            ["nopreempt"] = n => { nopreemptNode = n; vi = vi with { Nopreempt = ctx.Flag(n) }; },
            ["preempt"] = n => vi = vi with { Nopreempt = !ctx.Flag(n) },
            ["preempt_delay"] = n => { preemptDelayNode = n; vi = vi with { PreemptDelay = ctx.Timer(n, 1000) ?? vi.PreemptDelay }; },
            ["accept"] = n => vi = vi with { Accept = ctx.Flag(n) },
            ["no_accept"] = n => vi = vi with { Accept = !ctx.Flag(n) },
            ["dont_track_primary"] = n => vi = vi with { DontTrackPrimary = ctx.Flag(n) },
            ["mcast_src_ip"] = n => vi = vi with { McastSrcIp = ctx.Ip(n) ?? vi.McastSrcIp },
            ["unicast_src_ip"] = n => vi = vi with { UnicastSrcIp = ctx.Ip(n) ?? vi.UnicastSrcIp },
            ["unicast_peer"] = n => vi = vi with { UnicastPeer = vi.UnicastPeer.Concat(Peers(ctx, n)).ToEquatableList() },
            ["use_vmac"] = n => vi = vi with { UseVmac = true, VmacName = n.Arguments.Count > 0 ? n.Arguments[0] : null },
            ["garp_master_delay"] = n => vi = vi with { GarpMasterDelay = ctx.Timer(n) ?? vi.GarpMasterDelay },
            ["garp_master_repeat"] = n => vi = vi with { GarpMasterRepeat = ctx.Int(n, 1, int.MaxValue) ?? vi.GarpMasterRepeat },
            ["garp_master_refresh"] = n => vi = vi with { GarpMasterRefresh = ctx.Timer(n) ?? vi.GarpMasterRefresh },
            ["garp_master_refresh_repeat"] = n => vi = vi with { GarpMasterRefreshRepeat = ctx.Int(n, 1, int.MaxValue) ?? vi.GarpMasterRefreshRepeat },
            ["track_interface"] = n => vi = vi with { TrackInterface = vi.TrackInterface.Concat(Tracked(ctx, n).Select(t => new TrackedInterface { Name = t.Name, Weight = t.Weight ?? 0 })).ToEquatableList() },
            ["track_script"] = n => vi = vi with { TrackScript = vi.TrackScript.Concat(Tracked(ctx, n).Select(t => new TrackedScript { Name = t.Name, Weight = t.Weight })).ToEquatableList() },
            ["track_file"] = n => vi = vi with { TrackFile = vi.TrackFile.Concat(TrackFileBinder.Tracked(ctx, n)).ToEquatableList() },
            ["virtual_ipaddress"] = n => { vipNode ??= n; if (ctx.RequireBlock(n)) vi = vi with { VirtualIpaddress = vi.VirtualIpaddress.Concat(AddressLineBinder.Addresses(ctx, n)).ToEquatableList() }; },
            ["virtual_ipaddress_excluded"] = n => { if (ctx.RequireBlock(n)) vi = vi with { VirtualIpaddressExcluded = vi.VirtualIpaddressExcluded.Concat(AddressLineBinder.Addresses(ctx, n)).ToEquatableList() }; },
            ["virtual_routes"] = n => { if (ctx.RequireBlock(n)) vi = vi with { VirtualRoutes = vi.VirtualRoutes.Concat(AddressLineBinder.Routes(ctx, n)).ToEquatableList() }; },
            ["notify"] = n => vi = vi with { Notify = ctx.Command(n) ?? vi.Notify },
            ["notify_master"] = n => vi = vi with { NotifyMaster = ctx.Command(n) ?? vi.NotifyMaster },
            ["notify_backup"] = n => vi = vi with { NotifyBackup = ctx.Command(n) ?? vi.NotifyBackup },
            ["notify_fault"] = n => vi = vi with { NotifyFault = ctx.Command(n) ?? vi.NotifyFault },
            ["notify_stop"] = n => vi = vi with { NotifyStop = ctx.Command(n) ?? vi.NotifyStop },
            ["smtp_alert"] = n => vi = vi with { SmtpAlert = ctx.Flag(n) },
        });
        vi = vi with { State = state ?? (vi.Priority == 255 ? VrrpState.Master : VrrpState.Backup) };

        if (vi.Interface.Length == 0) ctx.Error(block, $"{name}: missing interface");
        if (vridNode is null) ctx.Error(block, $"{name}: missing virtual_router_id");
        if (vipNode is null) ctx.Warning(block, $"{name}: no virtual_ipaddress (keepalived: at least one is sensible)");
        var family = CheckFamilies(ctx, vipNode, vi);
        if (family == AddressFamily.InterNetworkV6)
        {
            // keepalived runs an IPv6 instance as VRRPv3 unless told otherwise.
            if (versionNode is null) vi = vi with { Version = 3 };
            else if (ConfigRules.Version2WithIpv6(vi, family) is { } problem) ctx.Error(versionNode, problem);
            // RFC 5798 5.2.9: the first IPv6 address is the link-local one; keepalived 2.2.7 warns too.
            if (vipNode is not null && vi.VirtualIpaddress.Count > 0 && !vi.VirtualIpaddress[0].Address.IsIPv6LinkLocal)
                ctx.Warning(vipNode, $"{name}: the first IPv6 virtual address should be link-local (RFC 5798 section 5.2.9)");
        }
        if (advertNode is not null) vi = vi with { AdvertInt = CheckAdvertInt(ctx, advertNode, vi) };
        if (global.VrrpStrict && vi.Version == 2 && vi.Accept && vi.Priority != 255)
        {
            // keepalived 2.2.7 (vrrp.c, vrrp_complete_instance): accept mode breaks RFC 3768, so strict mode drops it.
            ctx.Warning(block, $"{name}: accept mode for VRRP version 2 does not comply with RFC 3768 under vrrp_strict: ignored");
            vi = vi with { Accept = false };
        }
        if (authNode is not null && vi.Authentication is { } auth) CheckAuthentication(ctx, authNode, auth, vi.Version);
        if (nopreemptNode is not null && vi.Nopreempt && vi.State == VrrpState.Master)
            ctx.Warning(nopreemptNode, "has no effect with initial state MASTER");
        if (preemptDelayNode is not null && vi.Nopreempt)
            ctx.Warning(preemptDelayNode, "has no effect with nopreempt");
        return new BoundInstance(vi, block, vridNode, family);
    }

    /// <summary>Checks the interval against the version's range; returns it rounded to what the wire carries.</summary>
    private static TimeSpan CheckAdvertInt(BindContext ctx, ConfigNode node, VrrpInstance vi)
    {
        if (node.Arguments.Count == 0) return vi.AdvertInt;
        var text = node.Arguments[0];
        if (ConfigRules.AdvertInt(vi.AdvertInt, vi.Version, text) is { } problem)
            ctx.Error(node, problem);
        else if (vi.Version == 3 && ConfigRules.NeedsCentisecondRounding(vi.AdvertInt))
        {
            var seconds = vi.AdvertInt.TotalSeconds;
            ctx.Warning(node, $"rounded to {Math.Round(seconds, 2).ToString(CultureInfo.InvariantCulture)} seconds (VRRP version 3 counts centiseconds)");
            return TimeSpan.FromMilliseconds(Math.Round(seconds * 100) * 10);
        }
        return vi.AdvertInt;
    }

    private static void CheckAuthentication(BindContext ctx, ConfigNode node, Authentication auth, int version)
    {
        if (ConfigRules.Authentication(auth, version) is { } problem)
            ctx.Error(node, problem);
    }

    private static Authentication? Authentication(BindContext ctx, ConfigNode block)
    {
        if (!ctx.RequireBlock(block)) return null;
        AuthType? type = null;
        string? pass = null;
        ctx.Each(block, new Dictionary<string, Action<ConfigNode>>
        {
            ["auth_type"] = n => type = ctx.Choice(n, AuthTypes) ?? type,
            ["auth_pass"] = n =>
            {
                pass = ctx.Word(n, "a password");
                if (pass is { Length: > 8 }) ctx.Warning(n, "only the first 8 characters are used");
            },
        });
        if (type is null) { ctx.Error(block, "missing auth_type"); return null; }
        if (type == AuthType.Pass && pass is null) { ctx.Error(block, "auth_type PASS needs an auth_pass"); return null; }
        return new Authentication { AuthType = type.Value, AuthPass = pass ?? "" };
    }

    private static IEnumerable<System.Net.IPAddress> Peers(BindContext ctx, ConfigNode block)
    {
        if (!ctx.RequireBlock(block)) yield break;
        foreach (var line in block.Children)
        {
            if (BindContext.TryParseIp(line.Keyword, out var ip)) yield return ip;
            else ctx.Error(line.Location, $"unicast_peer: expected an IP address, got '{line.Keyword}'");
        }
    }

    private static IEnumerable<(string Name, int? Weight)> Tracked(BindContext ctx, ConfigNode block)
    {
        if (!ctx.RequireBlock(block)) yield break;
        foreach (var line in block.Children)
        {
            var args = line.Arguments;
            if (args.Count == 0) { yield return (line.Keyword, null); continue; }
            if (args.Count == 2 && args[0] == "weight"
                && int.TryParse(args[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var w) && w is >= -253 and <= 253)
                yield return (line.Keyword, w);
            else
                ctx.Error(line.Location, $"{block.Keyword}: expected 'NAME [weight -253..253]', got '{string.Join(' ', line.Words)}'");
        }
    }

    private static AddressFamily CheckFamilies(BindContext ctx, ConfigNode? vipNode, VrrpInstance vi)
    {
        if (vipNode is not null && ConfigRules.MixedFamilies(vi) is { } problem)
            ctx.Error(vipNode, problem);
        return ConfigRules.Family(vi);
    }
}
