using Director.Core.Config.Model;
using Director.Core.Config.Syntax;

namespace Director.Core.Config.Binding;

internal static class VrrpSyncGroupBinder
{
    public static VrrpSyncGroup? Bind(BindContext ctx, ConfigNode block)
    {
        var name = ctx.Word(block, "a group name");
        if (name is null || !ctx.RequireBlock(block)) return null;
        var g = new VrrpSyncGroup { Name = name };
        ctx.Each(block, new Dictionary<string, Action<ConfigNode>>
        {
            ["group"] = n =>
            {
                if (ctx.RequireBlock(n)) g = g with { Group = g.Group.Concat(GlobalDefsBinder.Words(n)).ToEquatableList() };
            },
            ["notify"] = n => g = g with { Notify = ctx.Command(n) ?? g.Notify },
            ["notify_master"] = n => g = g with { NotifyMaster = ctx.Command(n) ?? g.NotifyMaster },
            ["notify_backup"] = n => g = g with { NotifyBackup = ctx.Command(n) ?? g.NotifyBackup },
            ["notify_fault"] = n => g = g with { NotifyFault = ctx.Command(n) ?? g.NotifyFault },
            ["notify_stop"] = n => g = g with { NotifyStop = ctx.Command(n) ?? g.NotifyStop },
            ["smtp_alert"] = n => g = g with { SmtpAlert = ctx.Flag(n) },
            ["sync_group_tracking_weight"] = n => g = g with { SyncGroupTrackingWeight = ctx.Flag(n) },
        });
        if (g.Group.Count == 0) ctx.Error(block, $"{name}: missing group {{ }} of instances");
        else if (g.Group.Count == 1) ctx.Warning(block, $"{name} has only one instance");
        return g;
    }
}
