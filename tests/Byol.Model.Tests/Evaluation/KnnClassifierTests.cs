using Byol.Model.Evaluation;
using TorchSharp;

namespace Byol.Model.Tests.Evaluation;

public sealed class KnnClassifierTests
{
    // Cosine similarities to the query (1, 0): class 0 at (2, 0) -> 1.0; class 1 at (4, 3) and (8, -6) -> 0.8 each;
    // class 0 at (-1, 0) -> -1.0. Features are not unit length: the classifier must normalize them.
    private static readonly float[,] Bank = { { 2, 0 }, { 4, 3 }, { 8, -6 }, { -1, 0 } };
    private static readonly long[] BankLabels = [0, 1, 1, 0];

    [Fact]
    public void Sharp_temperature_lets_the_single_closest_neighbour_outvote_the_majority()
    {
        // k = 3, T = 0.07: class 0 weighs exp(1 / 0.07) = exp(14.29) = 1.6e6, class 1 weighs 2 exp(0.8 / 0.07)
        // = 2 exp(11.43) = 1.8e5: class 0 wins although class 1 holds 2 of the 3 votes.
        Assert.Equal(1.0, Top1(queryLabel: 0, k: 3, temperature: 0.07));
    }

    [Fact]
    public void Flat_temperature_follows_the_majority()
    {
        // k = 3, T = 1: class 0 weighs e^1 = 2.718, class 1 weighs 2 e^0.8 = 4.451: class 1 wins.
        Assert.Equal(1.0, Top1(queryLabel: 1, k: 3, temperature: 1.0));
        Assert.Equal(0.0, Top1(queryLabel: 0, k: 3, temperature: 1.0));
    }

    [Fact]
    public void One_neighbour_is_the_nearest_label()
    {
        // k = 1, T = 1: only (2, 0) votes: class 0.
        Assert.Equal(1.0, Top1(queryLabel: 0, k: 1, temperature: 1.0));
    }

    [Fact]
    public void K_larger_than_the_bank_uses_the_whole_bank()
    {
        // k = 200 -> 4, T = 1: class 0 weighs e^1 + e^-1 = 3.086, class 1 weighs 2 e^0.8 = 4.451: class 1.
        Assert.Equal(1.0, Top1(queryLabel: 1, k: 200, temperature: 1.0));
    }

    [Fact]
    public void Accuracy_is_the_fraction_of_queries_predicted_right()
    {
        using var bank = torch.tensor(Bank);
        using var bankLabels = torch.tensor(BankLabels);
        // (1, 0) -> class 0 (closest neighbour wins at T = 0.07); (0, -1) -> nearest (8, -6), sim 0.6, then (4, 3) at
        // -0.6, (2, 0) at 0: class 1 weighs exp(0.6 / 0.07) + exp(-0.6 / 0.07), class 0 exp(0): class 1.
        using var queries = torch.tensor(new float[,] { { 1, 0 }, { 0, -1 } });
        using var queryLabels = torch.tensor(new long[] { 0, 0 });
        Assert.Equal(0.5, KnnClassifier.Top1(bank, bankLabels, queries, queryLabels, classCount: 2, k: 3, temperature: 0.07));
    }

    [Fact]
    public void Mismatched_dimensions_are_rejected()
    {
        using var bank = torch.tensor(Bank);
        using var bankLabels = torch.tensor(BankLabels);
        using var queries = torch.zeros(1, 3);
        using var queryLabels = torch.zeros(1, torch.int64);
        Assert.Throws<ArgumentException>(() => KnnClassifier.Top1(bank, bankLabels, queries, queryLabels, classCount: 2));
    }

    private static double Top1(long queryLabel, int k, double temperature)
    {
        using var bank = torch.tensor(Bank);
        using var bankLabels = torch.tensor(BankLabels);
        using var query = torch.tensor(new float[,] { { 1, 0 } });
        using var queryLabels = torch.tensor(new[] { queryLabel });
        return KnnClassifier.Top1(bank, bankLabels, query, queryLabels, classCount: 2, k: k, temperature: temperature);
    }
}
