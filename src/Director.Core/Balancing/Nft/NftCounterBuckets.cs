using System.Globalization;
using System.Text;

namespace Director.Core.Balancing.Nft;

/// <summary>
/// Round-robin counters of their own for the services whose slots are picked by <c>numgen inc</c>
/// (rr, wrr, fo, ovf) and live in the shared slot maps: nftables keeps one counter per rule
/// expression, so every such service gets one rule, <c>&lt;match service&gt; dnat to &lt;key&gt; .
/// numgen inc mod N map @&lt;map&gt;_rB</c>, in chain <c>rr_B</c>, B = id mod
/// <see cref="NftOptions.CounterBuckets"/>; the dispatch maps goto <c>rr_B</c>.
/// </summary>
/// <remarks>
/// Each bucket has slot maps of its own because the kernel checks every element added to a map
/// against every rule that binds it (and every element of a map against each new binding): 1,000
/// rules binding one map of 55,000 slots cost ~0.75 s of kernel time per full apply; K buckets
/// cut that about K times. A change to the rules of a bucket (a service comes, goes, or changes its
/// slot count or map) rewrites the bucket's chain: its services' counters restart at slot 0.
/// </remarks>
internal static class NftCounterBuckets
{
    public static bool Applies(NftSlots slots, NftOptions options) =>
        options.CounterBuckets > 0 && slots.Kind == "inc" && !slots.Volatile && slots.Count > 0;

    public static int Bucket(int id, NftOptions options) => id % options.CounterBuckets;

    public static string Chain(int bucket) => string.Create(CultureInfo.InvariantCulture, $"rr_{bucket}");

    /// <summary>The bucket's own copy of a shared slot map name.</summary>
    public static string Map(string shared, int bucket) => string.Create(CultureInfo.InvariantCulture, $"{shared}_r{bucket}");

    /// <summary>The service's rule in its bucket chain (without the <c>add rule</c> prefix), or null when it has none.</summary>
    public static string? Rule(NftFamily f, VirtualService? s, NftSlots? slots, int id, NftOptions options)
    {
        if (s is null || slots is null || !Applies(slots, options)) return null;
        var proto = s.Key.Protocol.ToString().ToLowerInvariant();
        var bucket = Bucket(id, options);
        var map = Map(NftSharedSlots.SharedMap(s), bucket);
        var withPort = NftSharedSlots.WithPort(s);
        if (s.Key.IsFwmark)
        {
            var l4 = withPort ? $" meta l4proto {proto}" : "";
            return string.Create(CultureInfo.InvariantCulture,
                $"{Chain(bucket)} meta mark {s.Key.Fwmark}{l4} dnat {f.Table} to meta mark . numgen inc mod {slots.Count} map @{map}");
        }

        return string.Create(CultureInfo.InvariantCulture,
            $"{Chain(bucket)} {f.Header} daddr {s.Key.Address} {proto} dport {s.Key.Port} dnat {f.Table} to {f.Header} daddr . {proto} dport . numgen inc mod {slots.Count} map @{map}");
    }

    /// <summary>
    /// Creates (or empties) chain <c>rr_B</c> and fills it with the rules of <paramref name="members"/>
    /// (the bucket's services in the target table, by id), creating the bucket maps they name. Call
    /// before their slot elements are added: binding an empty map costs nothing.
    /// </summary>
    public static void Rewrite(StringBuilder text, NftFamily f, int bucket, IEnumerable<(VirtualService Service, NftSlots Slots, int Id)> members, NftOptions options)
    {
        var chain = Chain(bucket);
        text.AppendLine(CultureInfo.InvariantCulture, $"add chain {f.Prefix} {chain}");
        text.AppendLine(CultureInfo.InvariantCulture, $"flush chain {f.Prefix} {chain}");
        var maps = new HashSet<string>();
        var rules = new StringBuilder();
        foreach (var (s, slots, id) in members.OrderBy(m => m.Id))
        {
            if (Rule(f, s, slots, id, options) is not { } rule) continue;
            var shared = NftSharedSlots.SharedMap(s);
            if (maps.Add(shared)) text.AppendLine(CultureInfo.InvariantCulture, $"add map {f.Prefix} {Map(shared, bucket)} {{ {NftSharedSlots.MapType(f, s)} ; }}");
            rules.AppendLine(CultureInfo.InvariantCulture, $"add rule {f.Prefix} {rule}");
        }

        text.Append(rules);
    }
}
