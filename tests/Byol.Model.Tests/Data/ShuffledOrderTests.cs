using Byol.Model.Data;

namespace Byol.Model.Tests.Data;

public sealed class ShuffledOrderTests
{
    [Fact]
    public void Each_epoch_is_a_permutation_and_epochs_differ()
    {
        var order = new ShuffledOrder(100, seed: 1);
        var first = order.NextBatch(100);
        var second = order.NextBatch(100);
        Assert.Equal(Enumerable.Range(0, 100), first.Order());
        Assert.Equal(Enumerable.Range(0, 100), second.Order());
        Assert.NotEqual(first, second);
        Assert.NotEqual(Enumerable.Range(0, 100), first);
        Assert.Equal(new ShuffledOrderState(1, 100), order.State);
    }

    [Fact]
    public void Batches_run_on_across_epoch_boundaries()
    {
        var order = new ShuffledOrder(10, seed: 5);
        var batches = Enumerable.Range(0, 5).SelectMany(_ => order.NextBatch(7)).ToArray(); // 35 = 3.5 epochs
        Assert.Equal(ShuffledOrder.Permutation(10, 5, 0), batches[..10]);
        Assert.Equal(ShuffledOrder.Permutation(10, 5, 1), batches[10..20]);
        Assert.Equal(ShuffledOrder.Permutation(10, 5, 2), batches[20..30]);
        Assert.Equal(ShuffledOrder.Permutation(10, 5, 3)[..5], batches[30..]);
        Assert.Equal(new ShuffledOrderState(3, 5), order.State);
    }

    [Fact]
    public void Same_seed_same_order_different_seed_different_order()
    {
        Assert.Equal(new ShuffledOrder(1000, 42).NextBatch(3000), new ShuffledOrder(1000, 42).NextBatch(3000));
        Assert.NotEqual(new ShuffledOrder(1000, 42).NextBatch(1000), new ShuffledOrder(1000, 43).NextBatch(1000));
    }

    [Fact]
    public void The_order_is_fixed_by_definition_not_by_the_runtime()
    {
        // SplitMix64-driven Fisher-Yates: these values must never change, or resumed trials would see other data.
        // They were computed independently by a Python transcription of the same definition.
        Assert.Equal([0, 1, 4, 6, 3, 9, 8, 7, 2, 5], ShuffledOrder.Permutation(10, 0, 0));
        Assert.Equal([7, 1, 9, 5, 6, 4, 8, 2, 3, 0], ShuffledOrder.Permutation(10, 7, 3));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(37)]
    [InlineData(100)]
    public void Restore_continues_exactly_the_uninterrupted_sequence(int stopAfterBatches)
    {
        const int count = 100, seed = 9, batch = 32;
        var continuous = new ShuffledOrder(count, seed);
        var expected = Enumerable.Range(0, stopAfterBatches + 20).Select(_ => continuous.NextBatch(batch)).ToArray();

        var interrupted = new ShuffledOrder(count, seed);
        for (var i = 0; i < stopAfterBatches; i++) interrupted.NextBatch(batch);
        var saved = interrupted.State;
        var resumed = ShuffledOrder.Restore(count, seed, saved);
        Assert.Equal(saved, resumed.State);
        for (var i = stopAfterBatches; i < expected.Length; i++)
            Assert.Equal(expected[i], resumed.NextBatch(batch));
    }

    [Fact]
    public void Invalid_arguments_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ShuffledOrder(0, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ShuffledOrder(10, 1).NextBatch(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => ShuffledOrder.Restore(10, 1, new ShuffledOrderState(0, 11)));
        Assert.Throws<ArgumentOutOfRangeException>(() => ShuffledOrder.Restore(10, 1, new ShuffledOrderState(-1, 0)));
    }
}
