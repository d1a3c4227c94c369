namespace Director.Core.Balancing.Nft;

/// <summary>
/// nftables has no least-connection scheduler; a loop reads live connection counts every interval
/// and rewrites a slot table. The slots are the next <c>count</c> choices the IPVS scheduler itself
/// would make from those counts if no connection closed meanwhile (each choice adds one connection).
/// When more arrivals are expected than the slot limit, the choices are folded into at most
/// <c>limit</c> interleaved slots in the same proportions.
/// Costs per IPVS: lc = conns; wlc = conns/weight; sed = (conns+1)/weight; nq = 0 for an idle server, else sed.
/// </summary>
public static class LeastConnectionSlots
{
    /// <param name="arrivals">New connections expected before the next rewrite.</param>
    public static int[] Compute(string scheduler, IReadOnlyList<int> weights, IReadOnlyList<int> connections, int arrivals, int limit)
    {
        var choices = Choices(scheduler, weights, connections, arrivals);
        if (choices.Length <= limit) return choices;
        var shares = new int[weights.Count];
        foreach (var c in choices) shares[c]++;
        return SlotTable.Weighted(shares, limit);
    }

    /// <summary>The next <paramref name="count"/> choices of the scheduler, in order.</summary>
    public static int[] Choices(string scheduler, IReadOnlyList<int> weights, IReadOnlyList<int> connections, int count)
    {
        var conns = connections.Select(c => (long)c).ToArray();
        if (weights.All(w => w <= 0)) return [];
        var slots = new int[count];
        for (var s = 0; s < count; s++)
        {
            var best = -1;
            for (var i = 0; i < weights.Count; i++)
            {
                if (weights[i] <= 0) continue;
                if (best < 0 || Better(scheduler, weights, conns, i, best)) best = i;
            }

            slots[s] = best;
            conns[best]++;
        }

        return slots;
    }

    /// <summary>Is destination <paramref name="a"/> strictly cheaper than <paramref name="b"/>? Compared by cross-multiplying, as IPVS does.</summary>
    private static bool Better(string scheduler, IReadOnlyList<int> w, long[] c, int a, int b) => scheduler switch
    {
        "lc" => c[a] < c[b],
        "sed" => (c[a] + 1) * w[b] < (c[b] + 1) * w[a],
        "nq" when c[a] == 0 || c[b] == 0 => c[a] == 0 && (c[b] != 0 || w[a] > w[b]),
        "nq" => (c[a] + 1) * w[b] < (c[b] + 1) * w[a],
        _ => c[a] * w[b] < c[b] * w[a],
    };
}
