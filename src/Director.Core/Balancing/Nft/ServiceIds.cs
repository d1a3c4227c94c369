using System.Collections.Immutable;

namespace Director.Core.Balancing.Nft;

/// <summary>
/// Small stable numbers naming each service's chains and maps (<c>vs_7</c>, <c>persist_7</c>).
/// A service keeps its number for as long as it exists; new ones take the lowest free number.
/// </summary>
public sealed record ServiceIds(ImmutableDictionary<VirtualServiceKey, int> Ids)
{
    public static readonly ServiceIds Empty = new(ImmutableDictionary<VirtualServiceKey, int>.Empty);

    public int this[VirtualServiceKey key] => Ids[key];

    /// <summary>Ids for every service of <paramref name="target"/>, plus those of <paramref name="keep"/> (being removed).</summary>
    public ServiceIds Assign(DesiredTable target)
    {
        var fresh = target.Services.Keys.Where(k => !Ids.ContainsKey(k)).ToList();
        if (fresh.Count == 0) return this;
        var ids = Ids.ToBuilder();
        var used = ids.Values.ToHashSet();
        var next = 1;
        foreach (var service in new DesiredTable(fresh.Select(k => target.Services[k])).Ordered)
        {
            while (used.Contains(next)) next++;
            ids[service.Key] = next;
            used.Add(next);
        }

        return new ServiceIds(ids.ToImmutable());
    }

    /// <summary>Forgets services no longer in <paramref name="table"/>.</summary>
    public ServiceIds Retain(DesiredTable table) =>
        Ids.Keys.All(table.Services.ContainsKey)
            ? this
            : new(Ids.Where(kv => table.Services.ContainsKey(kv.Key)).ToImmutableDictionary());
}
