using Director.Core.Config.Model;
using Director.Core.Config.Syntax;

namespace Director.Core.Config.Binding;

internal static class VrrpScriptBinder
{
    public static VrrpScript? Bind(BindContext ctx, ConfigNode block)
    {
        var name = ctx.Word(block, "a script name");
        if (name is null || !ctx.RequireBlock(block)) return null;
        var s = new VrrpScript { Name = name };
        ctx.Each(block, new Dictionary<string, Action<ConfigNode>>
        {
            ["script"] = n => s = s with { Script = ctx.Command(n) ?? s.Script },
            ["interval"] = n => s = s with { Interval = ctx.Timer(n) ?? s.Interval },
            ["timeout"] = n => s = s with { Timeout = ctx.Timer(n) ?? s.Timeout },
            ["weight"] = n => s = s with { Weight = ctx.Int(n, -253, 253) ?? s.Weight },
            ["rise"] = n => s = s with { Rise = ctx.Int(n, 1, int.MaxValue) ?? s.Rise },
            ["fall"] = n => s = s with { Fall = ctx.Int(n, 1, int.MaxValue) ?? s.Fall },
            ["user"] = n => s = s with { User = GlobalDefsBinder.ScriptUser(ctx, n) ?? s.User },
        });
        if (s.Script.Length == 0) ctx.Error(block, $"{name}: missing script");
        return s;
    }
}
