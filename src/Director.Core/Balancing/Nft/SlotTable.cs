namespace Director.Core.Balancing.Nft;

/// <summary>
/// Slot tables: slot number -> destination index, each destination holding slots in proportion to
/// its weight, interleaved (smooth weighted round robin) so that consecutive slots spread.
/// </summary>
public static class SlotTable
{
    /// <summary>Destinations with weight 0 get no slot; the total is capped at <paramref name="limit"/>.</summary>
    public static int[] Weighted(IReadOnlyList<int> weights, int limit) => Interleave(Scale(weights, limit));

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
