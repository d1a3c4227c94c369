namespace Director.Core.Vrrp.Firewall;

/// <summary>
/// Where director keeps its VIP drop rules: one <c>inet</c> table of its own. keepalived's
/// <c>nftables [TABLENAME]</c>, <c>nftables_priority</c> and <c>nftables_counters</c> global_defs
/// set the name, the base chains' priority (keepalived's default: -1, just before the filter
/// tables at 0) and whether rules count what they drop.
/// </summary>
public sealed record VipFirewallOptions(string TableName = VipFirewallOptions.DefaultTableName, int Priority = VipFirewallOptions.DefaultPriority, bool Counters = false)
{
    /// <summary>Not keepalived's "keepalived", so that both can run in one namespace.</summary>
    public const string DefaultTableName = "director_vrrp";

    public const int DefaultPriority = -1;

    public static readonly VipFirewallOptions Default = new();

    /// <summary>nft takes a table name unquoted: a letter, then letters, digits and underscores (at most 63 in all).</summary>
    public static bool IsValidTableName(string name) =>
        name.Length is > 0 and < 64 && char.IsAsciiLetter(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
