namespace Byol.Model.Data;

/// <summary>
/// Chooses a seeded, class-stratified subset: each class keeps its share of the data set (largest remainders get the
/// leftover places, ties to the lower class), members within a class are drawn at random with the seed, and the
/// result lists the chosen indices in ascending order. Unlabelled items (label -1) form one group of their own.
/// </summary>
public static class StratifiedSubset
{
    /// <summary>Indices of at most <paramref name="limit"/> items of <paramref name="labels"/>; all of them when limit is 0 or not smaller.</summary>
    public static int[] Select(IReadOnlyList<int> labels, int limit, int seed)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        var n = labels.Count;
        if (limit == 0 || limit >= n)
            return Enumerable.Range(0, n).ToArray();

        var groups = new SortedDictionary<int, List<int>>();
        for (var i = 0; i < n; i++)
        {
            if (!groups.TryGetValue(labels[i], out var members))
                groups[labels[i]] = members = [];
            members.Add(i);
        }

        var keys = groups.Keys.ToArray();
        var quota = new int[keys.Length];
        var remainder = new long[keys.Length];
        var given = 0;
        for (var g = 0; g < keys.Length; g++)
        {
            var share = (long)limit * groups[keys[g]].Count;
            quota[g] = (int)(share / n);
            remainder[g] = share % n;
            given += quota[g];
        }
        foreach (var g in Enumerable.Range(0, keys.Length).OrderByDescending(g => remainder[g]).ThenBy(g => g).Take(limit - given))
            quota[g]++;

        var chosen = new List<int>(limit);
        for (var g = 0; g < keys.Length; g++)
        {
            var members = groups[keys[g]].ToArray();
            SplitMix64.For(seed, keys[g]).Shuffle(members);
            chosen.AddRange(members.Take(quota[g]));
        }
        chosen.Sort();
        return chosen.ToArray();
    }
}
