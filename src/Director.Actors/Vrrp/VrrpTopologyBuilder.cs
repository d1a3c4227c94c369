using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Director.Actors.Native;
using Director.Actors.Scripts;
using Director.Actors.Sync;
using Director.Core.Config.Model;
using Director.Core.Scripts;
using Director.Core.Vrrp;
using Director.Core.Vrrp.Sync;
using ModelState = Director.Core.Config.Model.VrrpState;
using ScriptUser = Director.Actors.Scripts.ScriptUser;
using VrrpState = Director.Core.Vrrp.VrrpState;

namespace Director.Actors.Vrrp;

/// <summary>Turns the configuration model into the settings of the VRRP actors.</summary>
public static class VrrpTopologyBuilder
{
    public static VrrpTopology Build(KeepalivedConfig config, IInterfaceDirectory interfaces, bool releaseOnStop = true)
    {
        var problems = new List<string>();
        var groupOf = config.VrrpSyncGroup.SelectMany(g => g.Group.Select(m => (Member: m, Group: g.Name)))
            .GroupBy(x => x.Member).ToDictionary(g => g.Key, g => g.First().Group, StringComparer.Ordinal);
        var scripts = config.VrrpScript.ToDictionary(s => s.Name, StringComparer.Ordinal);
        var defaultUser = ToUser(config.GlobalDefs.ScriptUser);

        var instances = new List<VrrpInstanceSettings>();
        foreach (var instance in config.VrrpInstance)
        {
            if (BuildInstance(instance, config.GlobalDefs, interfaces, groupOf.GetValueOrDefault(instance.Name), scripts, defaultUser, releaseOnStop, problems) is { } settings)
                instances.Add(settings);
        }

        var groups = config.VrrpSyncGroup.Select(g => new SyncGroupSettings(
            g.Name, g.Group.ToEquatableList(), Parse(g.NotifyMaster), Parse(g.NotifyBackup), Parse(g.NotifyFault), Parse(g.Notify), defaultUser)).ToList();

        var scriptSettings = config.VrrpScript.Select(s => VrrpScriptSettings.Create(s.Name, s.Script, s.Interval, s.Timeout) with
        {
            Weight = s.Weight,
            Rise = s.Rise,
            Fall = s.Fall,
            RunAs = ToUser(s.User) ?? defaultUser,
        }).ToList();

        return new VrrpTopology(instances, groups, scriptSettings, problems);
    }

    private static VrrpInstanceSettings? BuildInstance(VrrpInstance instance, GlobalDefs globals, IInterfaceDirectory interfaces,
        string? syncGroup, IReadOnlyDictionary<string, VrrpScript> scripts, ScriptUser? defaultUser, bool releaseOnStop, List<string> problems)
    {
        if (!interfaces.Exists(instance.Interface))
        {
            problems.Add($"{instance.Name}: interface '{instance.Interface}' does not exist");
            return null;
        }
        var family = instance.VirtualIpaddress.FirstOrDefault()?.Address.AddressFamily
            ?? instance.UnicastPeer.FirstOrDefault()?.AddressFamily
            ?? AddressFamily.InterNetwork;
        var source = instance.UnicastSrcIp ?? instance.McastSrcIp ?? interfaces.PrimaryAddress(instance.Interface, family);
        if (source is null)
        {
            problems.Add($"{instance.Name}: interface '{instance.Interface}' has no {(family == AddressFamily.InterNetworkV6 ? "IPv6" : "IPv4")} address to send adverts from");
            return null;
        }
        // use_vmac: a macvlan with the virtual router MAC carries the adverts and the VIPs (keepalived names it vrrp.VRID).
        var vmac = instance.UseVmac
            ? new VmacSpec(instance.VmacName ?? $"vrrp.{instance.VirtualRouterId}", instance.Interface,
                Director.Native.Netlink.VirtualRouterMac.For((byte)instance.VirtualRouterId, family == AddressFamily.InterNetworkV6))
            : null;
        var vipInterface = vmac?.Name ?? instance.Interface;

        var version = instance.Version == 3 ? VrrpVersion.V3 : VrrpVersion.V2;
        var vipsOfFamily = instance.VirtualIpaddress.Where(v => v.Address.AddressFamily == family).Select(v => v.Address).ToEquatableList();
        var auth = instance.Authentication;
        var receive = new VrrpReceiveSettings(
            version, (byte)instance.VirtualRouterId, family, instance.AdvertInt, vipsOfFamily, new EquatableList<IPAddress>([source]),
            auth is null ? VrrpAuthType.None : auth.AuthType == AuthType.Pass ? VrrpAuthType.Pass : VrrpAuthType.Ah,
            auth?.AuthPass, instance.UnicastPeer.Count > 0 ? instance.UnicastPeer : null);
        var machine = new VrrpInstanceConfig(
            version, (byte)instance.VirtualRouterId, (byte)instance.Priority, instance.AdvertInt, source,
            instance.State == ModelState.Master ? VrrpState.Master : VrrpState.Backup,
            instance.Nopreempt, instance.PreemptDelay, instance.GarpMasterDelay, instance.GarpMasterRepeat,
            instance.GarpMasterRefresh, instance.GarpMasterRefreshRepeat, instance.Accept);
        var destinations = instance.UnicastPeer.Count > 0
            ? instance.UnicastPeer.ToEquatableList()
            : new EquatableList<IPAddress>([family == AddressFamily.InterNetworkV6 ? globals.VrrpMcastGroup6 : globals.VrrpMcastGroup4]);

        var vips = instance.VirtualIpaddress.Concat(instance.VirtualIpaddressExcluded)
            .Select(v => ToSpec(v, vipInterface)).ToEquatableList();
        var routes = new List<RouteSpec>();
        foreach (var route in instance.VirtualRoutes)
        {
            if (route.Blackhole)
                problems.Add($"{instance.Name}: blackhole virtual_routes are not implemented yet: {route.Destination}/{route.PrefixLength} skipped");
            else
                routes.Add(ToRoute(route));
        }

        var tracking = new List<TrackedItem>();
        if (!instance.DontTrackPrimary)
            tracking.Add(new TrackedItem(TrackedKind.Interface, instance.Interface));
        tracking.AddRange(instance.TrackInterface.Where(t => t.Name != instance.Interface || instance.DontTrackPrimary)
            .Select(t => new TrackedItem(TrackedKind.Interface, t.Name, t.Weight)));
        tracking.AddRange(instance.TrackScript.Where(t => scripts.ContainsKey(t.Name))
            .Select(t => new TrackedItem(TrackedKind.Script, t.Name, t.Weight ?? scripts[t.Name].Weight)));

        var notify = new NotifyCommands(Parse(instance.NotifyMaster), Parse(instance.NotifyBackup), Parse(instance.NotifyFault),
            Parse(instance.NotifyStop), Parse(instance.Notify), defaultUser);
        return new VrrpInstanceSettings(instance.Name, instance.Interface, machine, receive, source, destinations, vips, routes.ToEquatableList(),
            tracking.ToEquatableList(), ApplyTrackingWeights: true, syncGroup, notify, releaseOnStop, vmac);
    }

    private static VipAddressSpec ToSpec(VirtualIpAddress vip, string defaultInterface) => new(
        vip.Device ?? defaultInterface, vip.Address, vip.PrefixLength, vip.Broadcast, ParseScope(vip.Scope), vip.Label,
        NoDad: vip.Address.AddressFamily == AddressFamily.InterNetworkV6);

    private static RouteSpec ToRoute(VirtualRoute route) => new(
        route.Destination, route.PrefixLength, route.Via, route.Device, route.Source,
        route.Table is { } table && int.TryParse(table, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null,
        route.Metric, ParseScope(route.Scope));

    private static AddressScope ParseScope(string? scope) => scope?.ToLowerInvariant() switch
    {
        "host" => AddressScope.Host,
        "link" => AddressScope.Link,
        "site" => AddressScope.Site,
        "nowhere" => AddressScope.Nowhere,
        null or "global" or "universe" => AddressScope.Global,
        _ when byte.TryParse(scope, NumberStyles.None, CultureInfo.InvariantCulture, out var raw) => (AddressScope)raw,
        _ => AddressScope.Global,
    };

    private static ScriptCommandLine? Parse(string? command) =>
        string.IsNullOrWhiteSpace(command) ? null : ScriptCommandLine.Parse(command);

    private static ScriptUser? ToUser(Director.Core.Config.Model.ScriptUser? user) =>
        user is null ? null : new ScriptUser(user.User, user.Group);
}
