namespace Byol.Model.Data;

/// <summary>Where a <see cref="ShuffledOrder"/> stands: the epoch and the position within that epoch's permutation.</summary>
public readonly record struct ShuffledOrderState(int Epoch, int Position);

/// <summary>
/// A seeded, resumable visiting order over [0, count): every epoch is a fresh permutation derived only from
/// (seed, epoch), and batches run on across epoch boundaries. Restoring a saved <see cref="State"/> continues exactly
/// the sequence an uninterrupted order would have produced, so a trial resumed on another silo sees the same data.
/// </summary>
public sealed class ShuffledOrder
{
    private readonly int _seed;
    private int[] _permutation;

    public ShuffledOrder(int count, int seed) : this(count, seed, new ShuffledOrderState(0, 0)) { }

    private ShuffledOrder(int count, int seed, ShuffledOrderState state)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentOutOfRangeException.ThrowIfNegative(state.Epoch);
        if (state.Position < 0 || state.Position > count)
            throw new ArgumentOutOfRangeException(nameof(state), $"position {state.Position} is outside [0, {count}]");
        Count = count;
        _seed = seed;
        Epoch = state.Epoch;
        Position = state.Position;
        _permutation = Permutation(count, seed, Epoch);
    }

    /// <summary>Number of items ordered.</summary>
    public int Count { get; }

    /// <summary>The current epoch (0 first).</summary>
    public int Epoch { get; private set; }

    /// <summary>Items of the current epoch already handed out.</summary>
    public int Position { get; private set; }

    /// <summary>The state to save with a checkpoint.</summary>
    public ShuffledOrderState State => new(Epoch, Position);

    /// <summary>Continues an order from a saved state.</summary>
    public static ShuffledOrder Restore(int count, int seed, ShuffledOrderState state) => new(count, seed, state);

    /// <summary>The permutation of epoch <paramref name="epoch"/> for (count, seed), as the order uses it.</summary>
    public static int[] Permutation(int count, int seed, int epoch)
    {
        var p = new int[count];
        for (var i = 0; i < count; i++) p[i] = i;
        SplitMix64.For(seed, epoch).Shuffle(p);
        return p;
    }

    /// <summary>The next <paramref name="batchSize"/> indices; an epoch ending mid-batch is continued by the next epoch's permutation.</summary>
    public int[] NextBatch(int batchSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        var batch = new int[batchSize];
        var filled = 0;
        while (filled < batchSize)
        {
            if (Position == Count)
            {
                Epoch++;
                Position = 0;
                _permutation = Permutation(Count, _seed, Epoch);
            }
            var take = Math.Min(batchSize - filled, Count - Position);
            _permutation.AsSpan(Position, take).CopyTo(batch.AsSpan(filled));
            Position += take;
            filled += take;
        }
        return batch;
    }
}
