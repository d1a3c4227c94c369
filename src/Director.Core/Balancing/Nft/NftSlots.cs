namespace Director.Core.Balancing.Nft;

/// <summary>The selector expression and slot table of one service, per its scheduler.</summary>
internal sealed record NftSlots(string Selector, int[] Slots)
{
    public static NftSlots For(VirtualService service, NftOptions options, Func<DestinationKey, int> connections)
    {
        var dests = service.Destinations;
        var weights = dests.Select(d => d.Weight).ToArray();
        var header = NftFamily.Of(service.Key.Family).Header;
        var seed = $"seed 0x{options.HashSeed:x8}";
        int[] slots;
        string? hashOn = null;
        switch (service.Scheduler.Name)
        {
            case "rr":
                slots = SlotTable.Weighted(weights.Select(w => w > 0 ? 1 : 0).ToArray(), options.SlotLimit);
                break;
            case "wrr":
                slots = SlotTable.Weighted(weights, options.SlotLimit);
                break;
            case "sh":
                slots = SlotTable.Weighted(weights, options.SlotLimit);
                hashOn = $"{header} saddr";
                break;
            case "dh":
                slots = SlotTable.Weighted(weights, options.SlotLimit);
                hashOn = $"{header} daddr";
                break;
            case "mh":
                slots = MaglevTable.Build(dests.Select(d => d.Key.ToString()).ToArray(), weights, options.MaglevSize);
                hashOn = $"{header} saddr";
                break;
            case "fo" or "ovf":
                var top = weights.Length == 0 ? -1 : Array.IndexOf(weights, weights.Max());
                slots = top >= 0 && weights[top] > 0 ? [top] : [];
                break;
            default:
                // Arrivals before the next rewrite are unknown; the live total stands in for them
                // (steady state: about that many arrive per connection lifetime).
                var live = dests.Select(d => connections(d.Key)).ToArray();
                var arrivals = Math.Max(Math.Max(16, SlotTable.Scale(weights, options.SlotLimit).Sum() * 2), live.Sum());
                slots = LeastConnectionSlots.Compute(service.Scheduler.Name, weights, live, arrivals, options.SlotLimit);
                break;
        }

        var selector = hashOn is null ? $"numgen inc mod {slots.Length}" : $"jhash {hashOn} mod {slots.Length} {seed}";
        return new NftSlots(selector, slots);
    }
}
