using System.Net;
using System.Net.Sockets;
using Director.Core.Config.Model;
using Director.Core.Config.Syntax;

namespace Director.Core.Config.Binding;

/// <summary>Lines of <c>virtual_ipaddress</c>, <c>virtual_ipaddress_excluded</c> and <c>virtual_routes</c>.</summary>
internal static class AddressLineBinder
{
    public static EquatableList<VirtualIpAddress> Addresses(BindContext ctx, ConfigNode block) =>
        block.Children.Select(line => Address(ctx, block.Keyword, line)).OfType<VirtualIpAddress>().ToEquatableList();

    public static EquatableList<VirtualRoute> Routes(BindContext ctx, ConfigNode block) =>
        block.Children.Select(line => Route(ctx, block.Keyword, line)).OfType<VirtualRoute>().ToEquatableList();

    private static VirtualIpAddress? Address(BindContext ctx, string keyword, ConfigNode line)
    {
        if (!TryPrefix(ctx, keyword, line, line.Keyword, out var address, out var prefix)) return null;
        var vip = new VirtualIpAddress { Address = address, PrefixLength = prefix };
        var ok = true;
        foreach (var (option, value) in Options(ctx, keyword, line, line.Arguments))
        {
            switch (option)
            {
                case "dev": vip = vip with { Device = value }; break;
                case "brd" or "broadcast":
                    if (BindContext.TryParseIp(value, out var brd) && brd.AddressFamily == address.AddressFamily)
                        vip = vip with { Broadcast = brd };
                    else { ctx.Error(line.Location, $"{keyword}: brd: expected an IP address, got '{value}'"); ok = false; }
                    break;
                case "scope": vip = vip with { Scope = value }; break;
                case "label": vip = vip with { Label = value }; break;
                default: ctx.Error(line.Location, $"{keyword}: unknown option '{option}'"); ok = false; break;
            }
        }
        return ok ? vip : null;
    }

    private static VirtualRoute? Route(BindContext ctx, string keyword, ConfigNode line)
    {
        var words = line.Words.ToList();
        var route = new VirtualRoute();
        if (words[0] == "blackhole")
        {
            route = route with { Blackhole = true };
            words.RemoveAt(0);
        }
        if (words.Count >= 2 && words[0] == "src")
        {
            if (!BindContext.TryParseIp(words[1], out var src))
            {
                ctx.Error(line.Location, $"{keyword}: src: expected an IP address, got '{words[1]}'");
                return null;
            }
            route = route with { Source = src };
            words.RemoveRange(0, 2);
        }
        if (words.Count == 0)
        {
            ctx.Error(line.Location, $"{keyword}: expected a destination address");
            return null;
        }
        if (!TryPrefix(ctx, keyword, line, words[0], out var dest, out var prefix)) return null;
        route = route with { Destination = dest, PrefixLength = prefix };
        var rest = words.Skip(1).ToList();
        if (rest.Contains("nexthop"))
        {
            ctx.Error(line.Location, $"{keyword}: multipath routes (nexthop) are not supported by director");
            return null;
        }
        var or = rest.IndexOf("or");
        if (or >= 0 && or + 1 < rest.Count)
        {
            ctx.Warning(line.Location, $"{keyword}: multipath 'or {rest[or + 1]}' is not supported by director: only the first gateway is used");
            rest.RemoveRange(or, 2);
        }
        var ok = true;
        foreach (var (option, value) in Options(ctx, keyword, line, rest))
        {
            switch (option)
            {
                case "via" or "gw" or "src":
                    if (BindContext.TryParseIp(value, out var ip))
                        route = option == "src" ? route with { Source = ip } : route with { Via = ip };
                    else { ctx.Error(line.Location, $"{keyword}: {option}: expected an IP address, got '{value}'"); ok = false; }
                    break;
                case "dev": route = route with { Device = value }; break;
                case "table": route = route with { Table = value }; break;
                case "scope": route = route with { Scope = value }; break;
                case "metric" or "preference" or "priority":
                    if (int.TryParse(value, out var metric) && metric >= 0) route = route with { Metric = metric };
                    else { ctx.Error(line.Location, $"{keyword}: metric: expected an integer >= 0, got '{value}'"); ok = false; }
                    break;
                default: ctx.Error(line.Location, $"{keyword}: unknown option '{option}'"); ok = false; break;
            }
        }
        return ok ? route : null;
    }

    private static IEnumerable<(string Option, string Value)> Options(BindContext ctx, string keyword, ConfigNode line, IReadOnlyList<string> words)
    {
        for (var i = 0; i < words.Count; i += 2)
        {
            if (i + 1 < words.Count) yield return (words[i], words[i + 1]);
            else ctx.Error(line.Location, $"{keyword}: {words[i]}: expected a value");
        }
    }

    /// <summary>Parses <c>ADDR[/PREFIX]</c>; without a prefix the whole address (32 or 128).</summary>
    public static bool TryPrefix(BindContext ctx, string keyword, ConfigNode line, string text, out IPAddress address, out int prefix)
    {
        var slash = text.IndexOf('/');
        var addressText = slash < 0 ? text : text[..slash];
        prefix = 0;
        if (!BindContext.TryParseIp(addressText, out address))
        {
            ctx.Error(line.Location, $"{keyword}: expected an IP address[/prefix], got '{text}'");
            return false;
        }
        var max = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        if (slash < 0) { prefix = max; return true; }
        if (int.TryParse(text[(slash + 1)..], out prefix) && prefix >= 0 && prefix <= max) return true;
        ctx.Error(line.Location, $"{keyword}: expected a prefix length 0-{max}, got '{text}'");
        return false;
    }
}
