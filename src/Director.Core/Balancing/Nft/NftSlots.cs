namespace Director.Core.Balancing.Nft;

/// <summary>
/// The slot table of one service per its scheduler, and the selector that picks a slot:
/// <see cref="Kind"/> <c>inc</c> (numgen inc), <c>jsrc</c> / <c>jdst</c> (jhash of the source /
/// destination address) over <see cref="Slots"/>.Length slots.
/// </summary>
/// <param name="Volatile">
/// The slots depend on live connection counts, not only on the service (lc, wlc, sed, nq): they
/// cannot be recomputed later, so they live in the service's own map, rewritten whole
/// (<see cref="NftServiceChain"/>).
/// </param>
/// <param name="Own">
/// The slots live in the service's own map behind its own rule, hence its own <c>numgen inc</c>
/// counter: volatile slots, and rr/wrr with <see cref="NftOptions.PerServiceCounters"/>.
/// </param>
internal sealed record NftSlots(string Kind, int[] Slots, bool Volatile, bool Own)
{
    public int Count => Slots.Length;

    public string Selector(NftFamily family, NftOptions options) => Kind switch
    {
        "jsrc" => $"jhash {family.Header} saddr mod {Count} seed 0x{options.HashSeed:x8}",
        "jdst" => $"jhash {family.Header} daddr mod {Count} seed 0x{options.HashSeed:x8}",
        _ => $"numgen inc mod {Count}",
    };

    public static NftSlots For(VirtualService service, NftOptions options, Func<DestinationKey, int> connections)
    {
        var dests = service.Destinations;
        var weights = dests.Select(d => d.Weight).ToArray();
        var own = options.PerServiceCounters;
        switch (service.Scheduler.Name)
        {
            case "rr":
                return new("inc", SlotTable.Weighted(weights.Select(w => w > 0 ? 1 : 0).ToArray(), options.SlotLimit), false, own);
            case "wrr":
                return new("inc", SlotTable.Weighted(weights, options.SlotLimit), false, own);
            case "sh":
                return new("jsrc", SlotTable.Weighted(weights, options.SlotLimit), false, false);
            case "dh":
                return new("jdst", SlotTable.Weighted(weights, options.SlotLimit), false, false);
            case "mh":
                return new("jsrc", MaglevTable.Build(dests.Select(d => d.Key.ToString()).ToArray(), weights, options.MaglevSize), false, false);
            case "fo" or "ovf":
                var top = weights.Length == 0 ? -1 : Array.IndexOf(weights, weights.Max());
                return new("inc", top >= 0 && weights[top] > 0 ? [top] : [], false, false);
            default:
                // Arrivals before the next rewrite are unknown; the live total stands in for them
                // (steady state: about that many arrive per connection lifetime).
                var live = dests.Select(d => connections(d.Key)).ToArray();
                var arrivals = Math.Max(Math.Max(16, SlotTable.Scale(weights, options.SlotLimit).Sum() * 2), live.Sum());
                return new("inc", LeastConnectionSlots.Compute(service.Scheduler.Name, weights, live, arrivals, options.SlotLimit), true, true);
        }
    }
}
