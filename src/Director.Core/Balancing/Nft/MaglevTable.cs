namespace Director.Core.Balancing.Nft;

/// <summary>
/// Maglev consistent hashing (Eisenbud et al., 2016): each destination walks its own permutation
/// of the table, derived only from its own name, so adding or removing one destination moves few
/// other slots. Weights give a destination that many turns per round (after dividing by their GCD).
/// </summary>
public static class MaglevTable
{
    public static int[] Build(IReadOnlyList<string> names, IReadOnlyList<int> weights, int size)
    {
        var table = Enumerable.Repeat(-1, size).ToArray();
        var turns = SlotTable.Scale(weights, size);
        if (turns.All(t => t == 0)) return [];
        var offsets = names.Select(n => (int)(Hash(n, 0x9e3779b9) % (uint)size)).ToArray();
        var skips = names.Select(n => (int)(Hash(n, 0x85ebca6b) % (uint)(size - 1)) + 1).ToArray();
        var next = new int[names.Count];
        var filled = 0;
        while (true)
        {
            for (var i = 0; i < names.Count; i++)
            {
                for (var turn = 0; turn < turns[i]; turn++)
                {
                    int candidate;
                    do
                    {
                        candidate = (int)((offsets[i] + (long)next[i] * skips[i]) % size);
                        next[i]++;
                    }
                    while (table[candidate] >= 0);

                    table[candidate] = i;
                    if (++filled == size) return table;
                }
            }
        }
    }

    /// <summary>FNV-1a with a seed: stable across processes and machines (unlike string.GetHashCode).</summary>
    private static uint Hash(string text, uint seed)
    {
        var hash = 2166136261u ^ seed;
        foreach (var c in text)
        {
            hash ^= c;
            hash *= 16777619u;
        }

        hash ^= hash >> 15;
        hash *= 0x2c1b3c6d;
        hash ^= hash >> 12;
        return hash;
    }
}
