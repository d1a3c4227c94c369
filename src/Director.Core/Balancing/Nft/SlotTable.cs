namespace Director.Core.Balancing.Nft;

/// <summary>
/// Slot tables: slot number -> destination index, each destination holding slots in proportion to
/// its weight, interleaved (smooth weighted round robin) so that consecutive slots spread.
/// </summary>
public static class SlotTable
{
    /// <summary>Destinations with weight 0 get no slot; the total is capped at <paramref name="limit"/>.</summary>
    public static int[] Weighted(IReadOnlyList<int> weights, int limit) => Interleave(Scale(weights, limit));

    /// <summary>
    /// Exactly <paramref name="total"/> slots shared in proportion to <paramref name="shares"/>
    /// (largest remainder), so that the slot count does not depend on the shares; empty when all are 0.
    /// </summary>
    public static int[] Exact(IReadOnlyList<int> shares, int total)
    {
        long sum = shares.Sum(s => (long)Math.Max(0, s));
        if (sum == 0) return [];
        var counts = shares.Select(s => (int)(Math.Max(0, s) * (long)total / sum)).ToArray();
        var order = Enumerable.Range(0, shares.Count)
            .OrderByDescending(i => Math.Max(0, shares[i]) * (long)total % sum).ThenBy(i => i).ToArray();
        for (var k = 0; counts.Sum() < total; k++) counts[order[k % order.Length]]++;
        return Interleave(counts);
    }

    private static int[] Interleave(int[] scaled)
    {
        var total = scaled.Sum();
        var slots = new int[total];
        var current = new long[scaled.Length];
        for (var s = 0; s < total; s++)
        {
            var best = -1;
            for (var i = 0; i < scaled.Length; i++)
            {
                if (scaled[i] == 0) continue;
                current[i] += scaled[i];
                if (best < 0 || current[i] > current[best]) best = i;
            }

            current[best] -= total;
            slots[s] = best;
        }

        return slots;
    }

    /// <summary>Divides by the common divisor, then shrinks proportionally (at least 1 each) to fit the limit.</summary>
    internal static int[] Scale(IReadOnlyList<int> weights, int limit)
    {
        var positive = weights.Where(w => w > 0).ToArray();
        if (positive.Length == 0) return new int[weights.Count];
        var gcd = positive.Aggregate(Gcd);
        long sum = positive.Sum(w => (long)(w / gcd));
        var factor = sum > limit ? (double)limit / sum : 1.0;
        return weights.Select(w => w <= 0 ? 0 : Math.Max(1, (int)Math.Round(w / gcd * factor))).ToArray();
    }

    private static int Gcd(int a, int b) => b == 0 ? a : Gcd(b, a % b);
}
