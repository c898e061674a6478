namespace Byol.Model.Data;

/// <summary>
/// A tiny seeded generator (SplitMix64) whose output is fixed by its definition, so shuffles and subsets are the same
/// on every machine and .NET version (unlike <see cref="Random"/>, whose algorithm is an implementation detail).
/// </summary>
internal struct SplitMix64(ulong state)
{
    private ulong _state = state;

    /// <summary>A generator for a stream keyed by two integers, e.g. (seed, epoch).</summary>
    public static SplitMix64 For(long a, long b)
    {
        var g = new SplitMix64(unchecked((ulong)a * 0x9E3779B97F4A7C15UL));
        var mixed = g.Next() ^ unchecked((ulong)b * 0xD1B54A32D192ED03UL);
        return new SplitMix64(mixed);
    }

    public ulong Next()
    {
        unchecked
        {
            var z = _state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }

    /// <summary>Uniform integer in [0, bound), without modulo bias.</summary>
    public int NextInt(int bound)
    {
        var b = (ulong)bound;
        var limit = ulong.MaxValue - ulong.MaxValue % b;
        ulong r;
        do r = Next(); while (r >= limit);
        return (int)(r % b);
    }

    /// <summary>Fisher-Yates shuffle in place.</summary>
    public void Shuffle(Span<int> items)
    {
        for (var i = items.Length - 1; i > 0; i--)
        {
            var j = NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
