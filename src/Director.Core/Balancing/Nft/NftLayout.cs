namespace Director.Core.Balancing.Nft;

/// <summary>
/// The layout version of the daemon's <c>ip director</c> / <c>ip6 director</c> tables, kept as the
/// table's comment (written when the table is created). A table read back without this exact
/// marker was written by another layout and is replaced whole by the first apply.
/// </summary>
public static class NftLayout
{
    public const int Version = 2;

    /// <summary>The table comment of the current layout (per-service round-robin counters, the default).</summary>
    public const string Marker = "director layout 2";

    /// <summary>The table comment with <see cref="NftOptions.PerServiceCounters"/> off (shared dispatch chains).</summary>
    public const string SharedMarker = "director layout 1";

    /// <summary>The table comment tables written with <paramref name="options"/> carry.</summary>
    public static string MarkerFor(NftOptions options) => options.PerServiceCounters ? Marker : SharedMarker;

    /// <summary>
    /// The comment of table <paramref name="family"/> <see cref="NftRulesetBuilder.TableName"/> in a
    /// text listing (`nft list table FAMILY director`, terse or not), or null when it has none.
    /// nft 1.0.6 prints a table comment only in text listings, never in JSON.
    /// </summary>
    public static string? FindMarker(string listing, string family)
    {
        var header = $"table {family} {NftRulesetBuilder.TableName} {{";
        var lines = listing.Split('\n').Select(l => l.Trim()).ToArray();
        var start = Array.IndexOf(lines, header);
        if (start < 0) return null;
        // The comment, when there is one, is the table's first statement.
        var first = lines.Skip(start + 1).FirstOrDefault(l => l.Length > 0);
        const string keyword = "comment \"";
        if (first is null || !first.StartsWith(keyword, StringComparison.Ordinal) || !first.EndsWith('"')) return null;
        return first[keyword.Length..^1];
    }

    public static bool IsCurrent(string? marker) => marker == Marker;

    public static bool IsCurrent(string? marker, NftOptions options) => marker == MarkerFor(options);
}
