using System.Text;
using Director.Native.Ipvs;
using Director.Native.Netlink;

namespace Director.Native.Tests.Ipvs;

/// <summary>
/// Renders an IPVS generic netlink message as an attribute tree, one attribute per line with its
/// name, nested flag and payload bytes, for comparison. Netlink sequence, port id and family id are
/// left out (they differ per sender); the nlmsg flags, command and version are kept.
/// </summary>
public static class IpvsAttributeTree
{
    private static readonly string[] Commands =
    [
        "UNSPEC", "NEW_SERVICE", "SET_SERVICE", "DEL_SERVICE", "GET_SERVICE", "NEW_DEST", "SET_DEST", "DEL_DEST", "GET_DEST",
        "NEW_DAEMON", "DEL_DAEMON", "GET_DAEMON", "SET_CONFIG", "GET_CONFIG", "SET_INFO", "GET_INFO", "ZERO", "FLUSH",
    ];

    private static readonly string[] TopLevel = ["UNSPEC", "SERVICE", "DEST", "DAEMON", "TIMEOUT_TCP", "TIMEOUT_TCP_FIN", "TIMEOUT_UDP"];

    private static readonly string[] ServiceAttributes =
        ["UNSPEC", "AF", "PROTOCOL", "ADDR", "PORT", "FWMARK", "SCHED_NAME", "FLAGS", "TIMEOUT", "NETMASK", "STATS", "PE_NAME", "STATS64"];

    private static readonly string[] DestinationAttributes =
    [
        "UNSPEC", "ADDR", "PORT", "FWD_METHOD", "WEIGHT", "U_THRESH", "L_THRESH", "ACTIVE_CONNS", "INACT_CONNS", "PERSIST_CONNS",
        "STATS", "ADDR_FAMILY", "STATS64", "TUN_TYPE", "TUN_PORT", "TUN_FLAGS",
    ];

    private static readonly string[] DaemonAttributes =
        ["UNSPEC", "STATE", "MCAST_IFN", "SYNC_ID", "SYNC_MAXLEN", "MCAST_GROUP", "MCAST_GROUP6", "MCAST_PORT", "MCAST_TTL"];

    public static string Render(byte[] message)
    {
        var parsed = GenericNetlinkMessage.Parse(message);
        var text = new StringBuilder();
        text.Append($"{Name(Commands, parsed.Command)} version {parsed.Version} flags 0x{parsed.Flags:x4}\n");
        foreach (var a in parsed.Attributes)
        {
            var children = a.Type switch
            {
                1 => ServiceAttributes,
                2 => DestinationAttributes,
                3 => DaemonAttributes,
                _ => null,
            };
            Line(text, 1, Name(TopLevel, a.Type), a, children is null);
            if (children is null) continue;
            foreach (var c in a.Nested())
            {
                var isStats = a.Type != 3 && c.Type is 10 or 12;
                Line(text, 2, Name(children, c.Type), c, !isStats);
                if (!isStats) continue;
                foreach (var s in c.Nested()) Line(text, 3, $"stat {s.Type}", s, true);
            }
        }

        return text.ToString();
    }

    /// <summary>The named attribute's payload inside the service (1) or destination (2) nest.</summary>
    public static byte[]? Payload(byte[] message, ushort nest, ushort attribute)
    {
        var parsed = GenericNetlinkMessage.Parse(message);
        var outer = parsed.Find(nest);
        return outer is null ? null : GenericNetlinkMessage.Find(outer.Value.Nested(), attribute)?.Value.ToArray();
    }

    private static void Line(StringBuilder text, int depth, string name, NetlinkAttribute a, bool withPayload)
    {
        text.Append(' ', depth * 2).Append(name);
        if (a.NestedFlag) text.Append(" [nested]");
        if (withPayload) text.Append(" = ").Append(Convert.ToHexString(a.Value.Span).ToLowerInvariant());
        text.Append('\n');
    }

    private static string Name(string[] names, int value) => value < names.Length ? names[value] : $"attr {value}";
}
