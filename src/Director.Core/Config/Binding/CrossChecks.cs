using Director.Core.Config.Model;
using Director.Core.Config.Syntax;
using Director.Core.Config.Validation;

namespace Director.Core.Config.Binding;

/// <summary>Checks that need the whole configuration (the rules of <see cref="ConfigRules"/>), reported at the offending block.</summary>
internal static class CrossChecks
{
    public static void DuplicateRouterIds(BindContext ctx, IReadOnlyList<BoundInstance> instances)
    {
        var withVrid = instances.Where(b => b.VridNode is not null).ToList();
        foreach (var (index, message) in ConfigRules.DuplicateRouterIds(withVrid.Select(b => (b.Instance, b.Family)).ToList()))
            ctx.Error(withVrid[index].VridNode!, message);
    }

    public static void NamesUnique<T>(BindContext ctx, IEnumerable<(T Item, ConfigNode Node)> items, Func<T, string> name)
    {
        var list = items.ToList();
        foreach (var (index, message) in ConfigRules.DuplicateNames(list.Select(i => name(i.Item)).ToList()))
            ctx.Error(list[index].Node, message);
    }

    public static void SyncGroups(BindContext ctx, IReadOnlyList<(VrrpSyncGroup Group, ConfigNode Node)> groups, IReadOnlyList<BoundInstance> instances)
    {
        var names = instances.Select(i => i.Instance.Name).ToHashSet();
        foreach (var (index, message) in ConfigRules.SyncGroups(groups.Select(g => g.Group).ToList(), names))
            ctx.Error(groups[index].Node, message);
    }

    public static void TrackedScripts(BindContext ctx, IReadOnlyList<BoundInstance> instances, IReadOnlyList<VrrpScript> scripts)
    {
        var names = scripts.Select(s => s.Name).ToHashSet();
        foreach (var bound in instances)
            foreach (var message in ConfigRules.UnknownTrackedScripts(bound.Instance, names))
                ctx.Error(bound.Node, message);
    }

    public static void DuplicateServers(BindContext ctx, IReadOnlyList<(VirtualServer Server, ConfigNode Node)> servers)
    {
        foreach (var (index, message) in ConfigRules.DuplicateServers(servers.Select(s => s.Server).ToList(), i => string.Join(' ', servers[i].Node.Arguments)))
            ctx.Error(servers[index].Node, message);
    }

    public static void ServerGroups(BindContext ctx, IReadOnlyList<(VirtualServer Server, ConfigNode Node)> servers, IReadOnlyList<VirtualServerGroup> groups)
    {
        var names = groups.Select(g => g.Name).ToHashSet();
        foreach (var (server, node) in servers)
            if (ConfigRules.UnknownServerGroup(server, names) is { } message)
                ctx.Error(node, message);
    }

    public static void TrackedFiles(BindContext ctx, IReadOnlyList<BoundInstance> instances, IReadOnlySet<string> files)
    {
        foreach (var bound in instances)
            foreach (var message in ConfigRules.UnknownTrackedFiles(bound.Instance, files))
                ctx.Error(bound.Node, message);
        foreach (var reference in ctx.CheckerTrackFileReferences)
            if (ConfigRules.UnknownCheckerTrackFile(reference.Arguments[0], files) is { } message)
                ctx.Error(reference, message);
    }
}
