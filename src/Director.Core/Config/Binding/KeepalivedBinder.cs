using Director.Core.Config.Model;
using Director.Core.Config.Syntax;

namespace Director.Core.Config.Binding;

/// <summary>Turns a keepalived.conf syntax tree into the typed model, validating as it goes.</summary>
public static class KeepalivedBinder
{
    public static ConfigLoadResult Bind(SyntaxTree tree)
    {
        var ctx = new BindContext();
        var global = new GlobalDefs();
        // global_defs first: instances inherit its VRRP defaults wherever it stands in the file.
        foreach (var node in tree.Nodes.Where(n => n.Keyword == "global_defs"))
            global = GlobalDefsBinder.Bind(ctx, node, global);

        var trackFiles = new List<(TrackFile, ConfigNode)>();
        var scripts = new List<(VrrpScript, ConfigNode)>();
        var syncGroups = new List<(VrrpSyncGroup, ConfigNode)>();
        var instances = new List<BoundInstance>();
        var serverGroups = new List<(VirtualServerGroup, ConfigNode)>();
        var servers = new List<(VirtualServer, ConfigNode)>();
        foreach (var node in tree.Nodes)
        {
            switch (node.Keyword)
            {
                case "global_defs": break;
                case "track_file" or "vrrp_track_file":
                    if (TrackFileBinder.Bind(ctx, node) is { } trackFile) trackFiles.Add((trackFile, node));
                    break;
                case "vrrp_script":
                    if (VrrpScriptBinder.Bind(ctx, node) is { } script) scripts.Add((script, node));
                    break;
                case "vrrp_sync_group":
                    if (VrrpSyncGroupBinder.Bind(ctx, node) is { } group) syncGroups.Add((group, node));
                    break;
                case "vrrp_instance":
                    if (VrrpInstanceBinder.Bind(ctx, node, global) is { } instance) instances.Add(instance);
                    break;
                case "virtual_server_group":
                    if (VirtualServerBinder.BindGroup(ctx, node) is { } vsg) serverGroups.Add((vsg, node));
                    break;
                case "virtual_server":
                    if (VirtualServerBinder.Bind(ctx, node) is { } vs) servers.Add((vs, node));
                    break;
                default:
                    ctx.Unknown(node);
                    break;
            }
        }

        CrossChecks.NamesUnique(ctx, trackFiles, f => f.Name);
        CrossChecks.NamesUnique(ctx, scripts, s => s.Name);
        CrossChecks.NamesUnique(ctx, syncGroups, g => g.Name);
        CrossChecks.NamesUnique(ctx, instances.Select(i => (i.Instance, i.Node)), i => i.Name);
        CrossChecks.NamesUnique(ctx, serverGroups, g => g.Name);
        CrossChecks.DuplicateRouterIds(ctx, instances);
        CrossChecks.SyncGroups(ctx, syncGroups, instances);
        CrossChecks.TrackedScripts(ctx, instances, scripts.Select(s => s.Item1).ToList());
        CrossChecks.DuplicateServers(ctx, servers);
        CrossChecks.ServerGroups(ctx, servers, serverGroups.Select(g => g.Item1).ToList());
        CrossChecks.TrackedFiles(ctx, instances, trackFiles.Select(f => f.Item1.Name).ToHashSet());

        if (ctx.FirstScript is { } firstScript && !global.EnableScriptSecurity)
            ctx.Warning(firstScript, "scripts are configured but global_defs has no enable_script_security (keepalived -t reports a security violation)");
        instances = SyncGroupTracking.Apply(ctx, syncGroups.Select(g => g.Item1).ToList(), instances,
            scripts.Select(s => s.Item1).ToList(), trackFiles.Select(f => f.Item1).ToList());

        var diagnostics = DiagnosticOrder.Sort(tree, tree.Diagnostics.Concat(ctx.Diagnostics));
        var config = new KeepalivedConfig
        {
            GlobalDefs = global,
            TrackFile = trackFiles.Select(f => f.Item1).ToEquatableList(),
            VrrpScript = scripts.Select(s => s.Item1).ToEquatableList(),
            VrrpSyncGroup = syncGroups.Select(g => g.Item1).ToEquatableList(),
            VrrpInstance = instances.Select(i => i.Instance).ToEquatableList(),
            VirtualServerGroup = serverGroups.Select(g => g.Item1).ToEquatableList(),
            VirtualServer = servers.Select(s => s.Item1).ToEquatableList(),
        };
        return new ConfigLoadResult(diagnostics.Any(d => d.IsError) ? null : config, diagnostics);
    }
}
