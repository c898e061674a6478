using Byol.Model.Data;

namespace Byol.Model.Tests.Data;

public sealed class StratifiedSubsetTests
{
    [Fact]
    public void Each_class_keeps_its_share_and_the_result_is_sorted()
    {
        int[] labels = [.. Enumerable.Repeat(0, 600), .. Enumerable.Repeat(1, 300), .. Enumerable.Repeat(2, 100)];
        var chosen = StratifiedSubset.Select(labels, 100, seed: 1);
        Assert.Equal(100, chosen.Length);
        Assert.Equal(chosen.Order(), chosen);
        Assert.Equal(chosen.Length, chosen.Distinct().Count());
        Assert.Equal([60, 30, 10], chosen.GroupBy(i => labels[i]).OrderBy(g => g.Key).Select(g => g.Count()));
    }

    [Fact]
    public void Leftover_places_go_to_the_largest_remainders()
    {
        int[] labels = [0, 0, 0, 1, 1, 1, 2, 2, 2, 2]; // shares of 5: 1.5, 1.5, 2.0
        var chosen = StratifiedSubset.Select(labels, 5, seed: 4);
        Assert.Equal([2, 1, 2], chosen.GroupBy(i => labels[i]).OrderBy(g => g.Key).Select(g => g.Count()));
    }

    [Fact]
    public void Same_seed_same_subset_other_seed_other_subset()
    {
        var labels = Enumerable.Range(0, 1000).Select(i => i % 10).ToArray();
        Assert.Equal(StratifiedSubset.Select(labels, 100, 3), StratifiedSubset.Select(labels, 100, 3));
        Assert.NotEqual(StratifiedSubset.Select(labels, 100, 3), StratifiedSubset.Select(labels, 100, 4));
    }

    [Fact]
    public void Zero_or_a_large_limit_keeps_everything_and_unlabelled_items_work()
    {
        var labels = Enumerable.Repeat(-1, 50).ToArray();
        Assert.Equal(Enumerable.Range(0, 50), StratifiedSubset.Select(labels, 0, 1));
        Assert.Equal(Enumerable.Range(0, 50), StratifiedSubset.Select(labels, 80, 1));
        Assert.Equal(20, StratifiedSubset.Select(labels, 20, 1).Length);
    }
}
