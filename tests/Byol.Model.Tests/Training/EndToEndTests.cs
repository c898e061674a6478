using System.Diagnostics;
using Byol.Model.Evaluation;
using Byol.Model.Training;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace Byol.Model.Tests.Training;

/// <summary>
/// DeepMind's main-loop test, on real images: the small encoder pretrains on the shipped Fashion-MNIST sample,
/// then its frozen features are scored against a random-init encoder of the same shape on the same split.
/// </summary>
public sealed class EndToEndTests(ITestOutputHelper output)
{
    private static readonly EvaluationOptions Eval = new() { KnnK = 20 };

    [Fact]
    public void Byol_features_beat_random_init_features_and_do_not_collapse()
    {
        var options = TrainingFixtures.Small(steps: 300, batch: 64);
        using var run = new TrainingRun(options, TrainingFixtures.FashionTrain);
        var clock = Stopwatch.StartNew();
        TrainingMetrics? last = null;
        run.Run(CancellationToken.None, m => last = m);
        var trainSeconds = clock.Elapsed.TotalSeconds;

        var evaluator = new RepresentationEvaluator(TrainingFixtures.FashionTrain, TrainingFixtures.FashionTest, Eval);
        var byol = evaluator.Evaluate(run.Networks.Online.Encoder, run.Networks.Online, options.ImageSize, run.Normalization, CPU);
        var random = evaluator.RandomInit(options.Network.Encoder, options.ImageSize, seed: 1, run.Normalization, CPU);
        output.WriteLine($"300 steps x 64 in {trainSeconds:F0} s; loss {last!.Loss:F3}; z_std {byol.ZStd:F4} (1/sqrt(d) = {1 / Math.Sqrt(64):F4})");
        output.WriteLine($"kNN: BYOL {byol.KnnTop1:P1} vs random init {random.KnnTop1:P1}; linear: {byol.LinearTop1:P1} vs {random.LinearTop1:P1}");

        Assert.True(byol.KnnTop1 > random.KnnTop1, $"BYOL kNN {byol.KnnTop1:P1} should beat random init {random.KnnTop1:P1}");
        Assert.True(byol.ZStd > 0.3 / Math.Sqrt(64), $"z_std {byol.ZStd} is near collapse");
    }

    [Fact]
    public void Without_predictor_and_with_tau_zero_the_projections_collapse()
    {
        var healthy = TrainingFixtures.Small(steps: 150, batch: 64);
        var collapsing = healthy with { TauBase = 0.0, Network = healthy.Network with { UsePredictor = false } };
        var healthyZ = FinalZStd(healthy);
        var collapsedZ = FinalZStd(collapsing);
        output.WriteLine($"z_std after 150 steps: tau 0.99 with predictor {healthyZ:F4}; tau 0 without predictor {collapsedZ:F4}");
        Assert.True(collapsedZ < 0.25 * healthyZ, $"expected collapse: {collapsedZ} vs healthy {healthyZ}");
        Assert.True(collapsedZ < 0.02, $"z_std {collapsedZ} should fall toward 0");
    }

    private static double FinalZStd(TrainingOptions options)
    {
        using var run = new TrainingRun(options, TrainingFixtures.FashionTrain);
        run.Run(CancellationToken.None);
        var images = TrainingFixtures.FashionTest.Subset(Enumerable.Range(0, 500).ToArray());
        using var projections = FeatureExtractor.Extract(run.Networks.Online, images, options.ImageSize, run.Normalization, CPU);
        return CollapseMetric.ZStd(projections);
    }
}
