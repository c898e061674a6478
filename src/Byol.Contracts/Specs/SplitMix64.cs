namespace Byol.Contracts.Specs;

/// <summary>
/// The search's random source: SplitMix64, written out so that a seed gives the same trials on every runtime and
/// version (System.Random's seeded sequence is an implementation detail).
/// </summary>
internal sealed class SplitMix64(ulong seed)
{
    private ulong state = seed;

    public ulong Next()
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (Next() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform integer in [low, high], both included.</summary>
    public long NextInclusive(long low, long high) => low + (long)(Next() % (ulong)(high - low + 1));
}
