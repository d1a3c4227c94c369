using System.Globalization;
using System.Text;

namespace Director.Core.Vrrp.Firewall;

/// <summary>
/// Renders director's VIP drop table as one nft command batch, applied as one transaction. Each
/// batch replaces the whole table (<c>add</c> then <c>delete</c> then the new definition: the
/// usual idempotent "destroy" for nft 1.0.6, which has no <c>destroy</c> command), so it is
/// correct whatever was there before (nothing, a leftover of a crash, an older layout). No other
/// table is named. Nothing blocked: the table is deleted, so no hook stays in the packet path.
/// <para>
/// The rules are keepalived 2.2.7's (measured with <c>nftables</c> and <c>no_accept</c>), merged
/// into one <c>inet</c> table where keepalived uses an <c>ip</c> and an <c>ip6</c> one: base chains
/// <c>in</c> (input hook) and <c>out</c> (output hook) at the configured priority with policy
/// accept; IPv6 neighbour solicitations and advertisements are accepted first (or the VIP could
/// not be resolved); then packets to a VIP are dropped on input and packets from a VIP on output.
/// IPv6 link-local VIPs match with their interface.
/// </para>
/// </summary>
public static class VipFirewallRuleset
{
    public static string Render(VipFirewallOptions options, IReadOnlyCollection<BlockedVip> blocked)
    {
        var text = new StringBuilder();
        if (!VipFirewallOptions.IsValidTableName(options.TableName))
            throw new ArgumentException($"'{options.TableName}' is not a usable nftables table name", nameof(options));
        var table = $"inet {options.TableName}";
        text.Append("add table ").Append(table).Append('\n');
        text.Append("delete table ").Append(table).Append('\n');
        if (blocked.Count == 0) return text.ToString();

        var v4 = blocked.Where(v => !v.IsIpv6).Select(v => Plain(v.Address)).ToList();
        var v6 = blocked.Where(v => v.IsIpv6 && !v.IsLinkLocal).Select(v => Plain(v.Address)).ToList();
        var linkLocal = blocked.Where(v => v.IsLinkLocal).Select(v => $"{Plain(v.Address)} . {Quote(v.Interface)}").ToList();
        var counter = options.Counters ? "counter " : "";
        var priority = options.Priority.ToString(CultureInfo.InvariantCulture);

        text.Append("table ").Append(table).Append(" {\n");
        Set(text, "vips", "ipv4_addr", v4);
        Set(text, "vips6", "ipv6_addr", v6);
        Set(text, "vips6_link_local", "ipv6_addr . ifname", linkLocal);
        foreach (var (chain, hook, direction, iface) in new[] { ("in", "input", "daddr", "iifname"), ("out", "output", "saddr", "oifname") })
        {
            text.Append("  chain ").Append(chain).Append(" {\n");
            text.Append("    type filter hook ").Append(hook).Append(" priority ").Append(priority).Append("; policy accept;\n");
            if (v6.Count > 0 || linkLocal.Count > 0)
                text.Append("    icmpv6 type { nd-neighbor-solicit, nd-neighbor-advert } accept\n");
            if (v4.Count > 0) text.Append("    ip ").Append(direction).Append(" @vips ").Append(counter).Append("drop\n");
            if (v6.Count > 0) text.Append("    ip6 ").Append(direction).Append(" @vips6 ").Append(counter).Append("drop\n");
            if (linkLocal.Count > 0)
                text.Append("    ip6 ").Append(direction).Append(" . ").Append(iface).Append(" @vips6_link_local ").Append(counter).Append("drop\n");
            text.Append("  }\n");
        }
        text.Append("}\n");
        return text.ToString();
    }

    /// <summary>Deletes the table if it exists, whatever it holds.</summary>
    public static string Remove(VipFirewallOptions options) => Render(options, []);

    private static void Set(StringBuilder text, string name, string type, List<string> elements)
    {
        if (elements.Count == 0) return;
        text.Append("  set ").Append(name).Append(" {\n    type ").Append(type).Append('\n');
        text.Append("    elements = { ").Append(string.Join(", ", elements)).Append(" }\n  }\n");
    }

    // Without a scope id ("fe80::1%3" is not an nft address).
    private static string Plain(System.Net.IPAddress address) => new System.Net.IPAddress(address.GetAddressBytes()).ToString();

    private static string Quote(string interfaceName) => $"\"{interfaceName}\"";
}
