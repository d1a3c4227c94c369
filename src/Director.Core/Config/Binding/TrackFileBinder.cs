using System.Globalization;
using Director.Core.Config.Model;
using Director.Core.Config.Syntax;

namespace Director.Core.Config.Binding;

/// <summary>Binds top-level <c>track_file</c> blocks and the <c>track_file</c> lists of instances.</summary>
internal static class TrackFileBinder
{
    public static TrackFile? Bind(BindContext ctx, ConfigNode block)
    {
        var name = ctx.Word(block, "a track_file name");
        if (name is null || !ctx.RequireBlock(block)) return null;
        var f = new TrackFile { Name = name };
        ctx.Each(block, new Dictionary<string, Action<ConfigNode>>
        {
            ["file"] = n => f = f with { File = ctx.Word(n, "a file path") ?? f.File },
            ["weight"] = n => { if (Weight(ctx, n, 0) is { } w) f = f with { Weight = w.Weight, Reverse = w.Reverse ?? false }; },
            ["init_file"] = n => f = f with { InitFile = Init(ctx, n) ?? f.InitFile },
        });
        if (f.File.Length == 0) { ctx.Error(block, $"{name}: missing file"); return null; }
        return f;
    }

    /// <summary><c>W [reverse|noreverse]</c> starting at argument <paramref name="index"/>; weight -254..254.</summary>
    public static (int Weight, bool? Reverse)? Weight(BindContext ctx, ConfigNode n, int index)
    {
        var text = ctx.Arg(n, "a weight -254..254 [reverse]", index);
        if (text is null) return null;
        var weight = ctx.ParseInt(n, text, -254, 254);
        bool? reverse = null;
        if (n.Arguments.Count > index + 1)
        {
            var option = n.Arguments[index + 1];
            if (option is "reverse" or "noreverse") reverse = option == "reverse";
            else { ctx.Error(n, $"expected reverse or noreverse after the weight, got '{option}'"); return null; }
            ctx.WarnExtra(n, index + 2);
        }
        return weight is null ? null : (weight.Value, reverse);
    }

    public static IEnumerable<TrackedFile> Tracked(BindContext ctx, ConfigNode block)
    {
        if (!ctx.RequireBlock(block)) yield break;
        foreach (var line in block.Children)
        {
            if (line.Arguments.Count == 0) { yield return new TrackedFile { Name = line.Keyword }; continue; }
            if (line.Arguments[0] != "weight")
            {
                ctx.Error(line.Location, $"track_file: expected 'NAME [weight W [reverse]]', got '{string.Join(' ', line.Words)}'");
                continue;
            }
            if (Weight(ctx, line, 1) is { } w)
                yield return new TrackedFile { Name = line.Keyword, Weight = w.Weight, Reverse = w.Reverse };
        }
    }

    private static TrackFileInit? Init(BindContext ctx, ConfigNode n)
    {
        var init = new TrackFileInit();
        foreach (var word in n.Arguments)
        {
            if (word == "overwrite") init = init with { Overwrite = true };
            else if (int.TryParse(word, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)) init = init with { Value = value };
            else { ctx.Error(n, $"expected [VALUE] [overwrite], got '{word}'"); return null; }
        }
        return init;
    }
}
