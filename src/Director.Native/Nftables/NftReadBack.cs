using System.Collections.Immutable;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Director.Core.Balancing;
using Director.Core.Balancing.Nft;
using Director.Core.Config.Model;

namespace Director.Native.Nftables;

/// <summary>Rebuilds the installed table from the JSON listing of the registry and dests sets.</summary>
public static class NftReadBack
{
    /// <summary>Parses `nft -j list set ... registry` and `... dests` outputs of one family table.</summary>
    public static (List<VirtualService> Services, Dictionary<VirtualServiceKey, int> Ids) Parse(string registryJson, string destsJson)
    {
        var services = new Dictionary<int, VirtualService>();
        foreach (var elem in Elements(registryJson))
        {
            if (elem.ValueKind != JsonValueKind.Object || !elem.TryGetProperty("elem", out var e)) continue;
            var id = e.GetProperty("val").GetInt32();
            if (e.TryGetProperty("comment", out var comment) && NftRegistryCodec.DecodeService(comment.GetString() ?? "") is { } s)
            {
                services[id] = s;
            }
        }

        var destinations = new Dictionary<int, List<Destination>>();
        foreach (var elem in Elements(destsJson))
        {
            var concat = elem.ValueKind == JsonValueKind.Object && elem.TryGetProperty("elem", out var e) ? e.GetProperty("val") : elem;
            var parts = concat.GetProperty("concat").EnumerateArray().ToArray();
            var id = parts[0].GetInt32();
            var list = destinations.TryGetValue(id, out var l) ? l : destinations[id] = [];
            list.Add(new Destination
            {
                Address = IPAddress.Parse(parts[1].GetString()!),
                Port = parts[2].GetInt32(),
                Weight = parts[3].GetInt32(),
                Method = (ForwardingMethod)parts[4].GetInt32(),
            });
        }

        var result = new List<VirtualService>();
        var ids = new Dictionary<VirtualServiceKey, int>();
        foreach (var (id, service) in services)
        {
            var dests = destinations.GetValueOrDefault(id) ?? [];
            result.Add(service with
            {
                Destinations = dests.OrderBy(d => d.Address.ToString(), StringComparer.Ordinal).ThenBy(d => d.Port).ToEquatableList(),
            });
            ids[service.Key] = id;
        }

        return (result, ids);
    }

    /// <summary>
    /// <see cref="Parse"/>, or null when the listings are not what the current layout writes
    /// (another set type, missing fields, a comment that does not decode).
    /// </summary>
    public static (List<VirtualService> Services, Dictionary<VirtualServiceKey, int> Ids)? TryParse(string registryJson, string destsJson)
    {
        try
        {
            if (!HasType(registryJson, t => t.ValueKind == JsonValueKind.String && t.GetString() == "mark")) return null;
            if (!HasType(destsJson, t => t.ValueKind == JsonValueKind.Array && t.GetArrayLength() == 5 && t[0].GetString() == "mark")) return null;
            var (services, ids) = Parse(registryJson, destsJson);
            return services.Select(s => s.Key).Distinct().Count() == services.Count ? (services, ids) : null;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException
                                      or IndexOutOfRangeException or OverflowException or ArgumentException)
        {
            return null;
        }
    }

    /// <summary>Whether the one set of a `list set` JSON listing has a type <paramref name="expected"/> accepts.</summary>
    private static bool HasType(string json, Func<JsonElement, bool> expected)
    {
        using var doc = JsonDocument.Parse(json);
        var sets = doc.RootElement.GetProperty("nftables").EnumerateArray()
            .Where(i => i.TryGetProperty("set", out _)).Select(i => i.GetProperty("set")).ToArray();
        return sets.Length == 1 && sets[0].TryGetProperty("type", out var type) && expected(type);
    }

    /// <summary>The families that hold a table named <paramref name="table"/> in a `list tables` JSON listing.</summary>
    public static IReadOnlySet<string> TableFamilies(string listTablesJson, string table)
    {
        var families = new HashSet<string>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(listTablesJson)) return families;
        using var doc = JsonDocument.Parse(listTablesJson);
        foreach (var item in doc.RootElement.GetProperty("nftables").EnumerateArray())
        {
            if (item.TryGetProperty("table", out var t)
                && t.TryGetProperty("name", out var name) && name.GetString() == table
                && t.TryGetProperty("family", out var family) && family.GetString() is { } f)
            {
                families.Add(f);
            }
        }

        return families;
    }

    private static IEnumerable<JsonElement> Elements(string json)
    {
        if (string.IsNullOrWhiteSpace(json)) yield break;
        using var doc = JsonDocument.Parse(json);
        foreach (var item in doc.RootElement.GetProperty("nftables").EnumerateArray())
        {
            if (!item.TryGetProperty("set", out var set) || !set.TryGetProperty("elem", out var elems)) continue;
            foreach (var elem in elems.EnumerateArray()) yield return elem.Clone();
        }
    }

    internal static ServiceIds ToIds(Dictionary<VirtualServiceKey, int> ids) => new(ids.ToImmutableDictionary());

    internal static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
