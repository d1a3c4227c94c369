using Director.Core.Config.Model;
using Director.Core.Config.Syntax;

namespace Director.Core.Config.Binding;

/// <summary>
/// <c>lb_kind</c> / <c>lvs_method NAT|DR|TUN [type ipip|gue|gre] [port N] [nocsum|csum|remcsum]</c>
/// (virtual, real and sorry server), with keepalived 2.2's checks: GUE needs a port and only GUE
/// takes one, IPIP takes no checksum option, GRE no remote checksum. Options left out take
/// their defaults (IPIP, no checksum) whatever an earlier line said.
/// </summary>
internal static class LvsMethodBinder
{
    private static readonly Dictionary<string, LbKind> Kinds = new(StringComparer.Ordinal)
    {
        ["NAT"] = LbKind.Nat,
        ["DR"] = LbKind.Dr,
        ["TUN"] = LbKind.Tun,
    };

    private static readonly Dictionary<string, TunnelType> Types = new(StringComparer.Ordinal)
    {
        ["ipip"] = TunnelType.Ipip,
        ["gue"] = TunnelType.Gue,
        ["gre"] = TunnelType.Gre,
    };

    private static readonly Dictionary<string, TunnelChecksum> Checksums = new(StringComparer.Ordinal)
    {
        ["nocsum"] = TunnelChecksum.NoCsum,
        ["csum"] = TunnelChecksum.Csum,
        ["remcsum"] = TunnelChecksum.RemCsum,
    };

    /// <summary>The method and its tunnel options (null for plain IPIP), or null after an error.</summary>
    public static (LbKind Kind, TunnelOptions? Tunnel)? Bind(BindContext ctx, ConfigNode node)
    {
        var args = node.Arguments;
        var text = ctx.Arg(node, "one of NAT DR TUN");
        if (text is null) return null;
        if (!Kinds.TryGetValue(text, out var kind))
        {
            ctx.Error(node, $"expected one of NAT DR TUN, got '{text}'");
            return null;
        }

        var tunnel = TunnelOptions.Ipip;
        for (var i = 1; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "type":
                    if (i + 1 >= args.Count || !Types.TryGetValue(args[i + 1], out var type))
                    {
                        ctx.Error(node, $"type: expected ipip, gue or gre{(i + 1 < args.Count ? $", got '{args[i + 1]}'" : "")}");
                        return null;
                    }

                    tunnel = tunnel with { Type = type };
                    i++;
                    break;
                case "port":
                    var port = i + 1 < args.Count ? ctx.ParseInt(node, args[i + 1], 1, 65535) : null;
                    if (port is null)
                    {
                        if (i + 1 >= args.Count) ctx.Error(node, "port: expected the GUE tunnel's UDP port");
                        return null;
                    }

                    tunnel = tunnel with { Port = port.Value };
                    i++;
                    break;
                default:
                    if (!Checksums.TryGetValue(args[i], out var checksum))
                    {
                        ctx.Error(node, $"unknown tunnel option '{args[i]}' (expected type, port, nocsum, csum or remcsum)");
                        return null;
                    }

                    tunnel = tunnel with { Checksum = checksum };
                    break;
            }
        }

        if (Validation.ConfigRules.TunnelProblem(tunnel) is { } problem)
        {
            ctx.Error(node, problem);
            return null;
        }

        return (kind, tunnel == TunnelOptions.Ipip ? null : tunnel);
    }
}
