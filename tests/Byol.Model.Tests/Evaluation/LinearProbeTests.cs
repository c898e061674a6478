using Byol.Model.Evaluation;
using TorchSharp;
using static TorchSharp.torch;

namespace Byol.Model.Tests.Evaluation;

public sealed class LinearProbeTests
{
    [Fact]
    public void Separable_gaussian_blobs_are_classified_perfectly()
    {
        using var scope = torch.NewDisposeScope();
        var generator = new torch.Generator(7);
        var (train, trainLabels) = Blobs(classes: 4, perClass: 200, dims: 16, separation: 8, generator);
        var (test, testLabels) = Blobs(classes: 4, perClass: 100, dims: 16, separation: 8, generator);
        var result = LinearProbe.Evaluate(train, trainLabels, test, testLabels, 4, new LinearProbeOptions());
        Assert.Equal(1.0, result.TrainTop1);
        Assert.Equal(1.0, result.TestTop1);
        Assert.InRange(result.Iterations, 1, 100);
    }

    [Fact]
    public void Random_labels_give_chance_on_the_test_split()
    {
        using var scope = torch.NewDisposeScope();
        var generator = new torch.Generator(11);
        var train = torch.randn(new long[] { 1000, 32 }, generator: generator);
        var trainLabels = torch.randint(0, 4, new long[] { 1000 }, generator: generator);
        var test = torch.randn(new long[] { 1000, 32 }, generator: generator);
        var testLabels = torch.randint(0, 4, new long[] { 1000 }, generator: generator);
        var result = LinearProbe.Evaluate(train, trainLabels, test, testLabels, 4, new LinearProbeOptions());
        Assert.InRange(result.TestTop1, 0.18, 0.32);
    }

    [Fact]
    public void Test_features_are_standardized_with_the_train_statistics()
    {
        // Train: x = -2, -1 (class 0) and 1, 2 (class 1): mean 0, the boundary is x = 0. Test: x = 0.5 and 1.5, both
        // class 1. With the train statistics both stay positive (100%); the test's own mean (1) would send 0.5 to
        // class 0 (50%).
        using var scope = torch.NewDisposeScope();
        var train = torch.tensor(new float[,] { { -2 }, { -1 }, { 1 }, { 2 } });
        var trainLabels = torch.tensor(new long[] { 0, 0, 1, 1 });
        var test = torch.tensor(new float[,] { { 0.5f }, { 1.5f } });
        var testLabels = torch.tensor(new long[] { 1, 1 });
        var result = LinearProbe.Evaluate(train, trainLabels, test, testLabels, 2, new LinearProbeOptions());
        Assert.Equal(1.0, result.TestTop1);
    }

    [Fact]
    public void Standardizer_uses_population_statistics_and_leaves_constant_dimensions_unscaled()
    {
        // Column 0: 0 and 2, mean 1, std 1; column 1: constant 5, std taken as 1. (5, 7) -> (4, 2).
        using var scope = torch.NewDisposeScope();
        using var standardizer = FeatureStandardizer.Fit(torch.tensor(new float[,] { { 0, 5 }, { 2, 5 } }));
        var applied = standardizer.Apply(torch.tensor(new float[,] { { 5, 7 } }));
        Assert.Equal([4.0, 2.0], applied.data<double>().ToArray());
    }

    [Fact]
    public void Probe_is_deterministic()
    {
        using var scope = torch.NewDisposeScope();
        var generator = new torch.Generator(3);
        var (train, trainLabels) = Blobs(classes: 3, perClass: 50, dims: 8, separation: 1, generator);
        var (test, testLabels) = Blobs(classes: 3, perClass: 50, dims: 8, separation: 1, generator);
        var first = LinearProbe.Evaluate(train, trainLabels, test, testLabels, 3, new LinearProbeOptions());
        var second = LinearProbe.Evaluate(train, trainLabels, test, testLabels, 3, new LinearProbeOptions());
        Assert.Equal(first, second);
    }

    /// <summary>Class c is a unit Gaussian around separation x e_c.</summary>
    internal static (Tensor Features, Tensor Labels) Blobs(int classes, int perClass, int dims, double separation, torch.Generator generator)
    {
        var labels = torch.arange(classes, dtype: ScalarType.Int64).repeat_interleave(perClass);
        var centres = torch.eye(classes, dims).mul(separation);
        var features = torch.randn(new long[] { classes * perClass, dims }, generator: generator).add(centres[labels]);
        return (features, labels);
    }
}
