using System.Net.Sockets;
using Director.Core.Config.Model;
using Director.Core.Config.Syntax;

namespace Director.Core.Config.Binding;

/// <summary>Checks that need the whole configuration: references between blocks and uniqueness.</summary>
internal static class CrossChecks
{
    public static void DuplicateRouterIds(BindContext ctx, IReadOnlyList<BoundInstance> instances)
    {
        var seen = new Dictionary<(string Interface, AddressFamily Family, int Vrid), VrrpInstance>();
        foreach (var bound in instances)
        {
            var vi = bound.Instance;
            if (bound.VridNode is null || vi.VirtualRouterId == 0 || vi.Interface.Length == 0) continue;
            var key = (vi.Interface, bound.Family, vi.VirtualRouterId);
            if (seen.TryGetValue(key, out var first))
                ctx.Error(bound.VridNode,
                    $"{vi.VirtualRouterId} is already used on {vi.Interface} ({FamilyName(bound.Family)}) by vrrp_instance {first.Name}");
            else seen[key] = vi;
        }
    }

    public static void NamesUnique<T>(BindContext ctx, IEnumerable<(T Item, ConfigNode Node)> items, Func<T, string> name)
    {
        var seen = new HashSet<string>();
        foreach (var (item, node) in items)
            if (!seen.Add(name(item)))
                ctx.Error(node, $"{name(item)} is defined more than once");
    }

    public static void SyncGroups(BindContext ctx, IReadOnlyList<(VrrpSyncGroup Group, ConfigNode Node)> groups, IReadOnlyList<BoundInstance> instances)
    {
        var names = instances.Select(i => i.Instance.Name).ToHashSet();
        var owner = new Dictionary<string, string>();
        foreach (var (group, node) in groups)
        {
            foreach (var member in group.Group)
            {
                if (!names.Contains(member))
                    ctx.Error(node, $"{group.Name}: unknown vrrp_instance '{member}'");
                else if (owner.TryGetValue(member, out var other))
                    ctx.Error(node, $"{group.Name}: vrrp_instance '{member}' is already in vrrp_sync_group {other}");
                else owner[member] = group.Name;
            }
        }
    }

    public static void TrackedScripts(BindContext ctx, IReadOnlyList<BoundInstance> instances, IReadOnlyList<VrrpScript> scripts)
    {
        var names = scripts.Select(s => s.Name).ToHashSet();
        foreach (var bound in instances)
            foreach (var tracked in bound.Instance.TrackScript)
                if (!names.Contains(tracked.Name))
                    ctx.Error(bound.Node, $"{bound.Instance.Name}: track_script '{tracked.Name}' is not a vrrp_script");
    }

    public static void DuplicateServers(BindContext ctx, IReadOnlyList<(VirtualServer Server, ConfigNode Node)> servers)
    {
        var seen = new HashSet<(VirtualServerAddress, Protocol)>();
        foreach (var (server, node) in servers)
            if (!seen.Add((server.Address, server.Protocol)))
                ctx.Error(node, $"{string.Join(' ', node.Arguments)} ({server.Protocol.ToString().ToUpperInvariant()}) is defined more than once");
    }

    public static void ServerGroups(BindContext ctx, IReadOnlyList<(VirtualServer Server, ConfigNode Node)> servers, IReadOnlyList<VirtualServerGroup> groups)
    {
        var names = groups.Select(g => g.Name).ToHashSet();
        foreach (var (server, node) in servers)
            if (server.Address is GroupAddress g && !names.Contains(g.Group))
                ctx.Error(node, $"unknown virtual_server_group '{g.Group}'");
    }

    public static void TrackedFiles(BindContext ctx, IReadOnlyList<BoundInstance> instances, IReadOnlySet<string> files)
    {
        foreach (var bound in instances)
            foreach (var tracked in bound.Instance.TrackFile)
                if (!files.Contains(tracked.Name))
                    ctx.Error(bound.Node, $"{bound.Instance.Name}: track_file '{tracked.Name}' is not defined");
        foreach (var reference in ctx.CheckerTrackFileReferences)
            if (!files.Contains(reference.Arguments[0]))
                ctx.Error(reference, $"'{reference.Arguments[0]}' is not a top-level track_file");
    }

    private static string FamilyName(AddressFamily family) => family == AddressFamily.InterNetworkV6 ? "IPv6" : "IPv4";
}
