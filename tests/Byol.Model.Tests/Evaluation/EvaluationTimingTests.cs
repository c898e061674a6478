using System.Diagnostics;
using Byol.Model.Evaluation;
using TorchSharp;
using Xunit.Abstractions;

namespace Byol.Model.Tests.Evaluation;

public sealed class EvaluationTimingTests(ITestOutputHelper output)
{
    [Fact]
    public void Knn_and_probe_on_5000_by_512_features_take_seconds()
    {
        using var scope = torch.NewDisposeScope();
        var generator = new torch.Generator(1);
        var (train, trainLabels) = LinearProbeTests.Blobs(classes: 10, perClass: 500, dims: 512, separation: 4, generator);
        var (test, testLabels) = LinearProbeTests.Blobs(classes: 10, perClass: 500, dims: 512, separation: 4, generator);

        var clock = Stopwatch.StartNew();
        var knn = KnnClassifier.Top1(train, trainLabels, test, testLabels, classCount: 10);
        var knnSeconds = clock.Elapsed.TotalSeconds;

        clock.Restart();
        var probe = LinearProbe.Evaluate(train, trainLabels, test, testLabels, 10, new LinearProbeOptions());
        var probeSeconds = clock.Elapsed.TotalSeconds;

        output.WriteLine(
            $"kNN (k 200) 5000 x 5000 x 512: {knnSeconds:F2} s, top-1 {knn:F3}; linear probe 5000 x 512: {probeSeconds:F2} s, " +
            $"{probe.Iterations} iterations, train {probe.TrainTop1:F3}, test {probe.TestTop1:F3}");
        Assert.InRange(knn, 0.5, 1.0);
        Assert.InRange(probe.TestTop1, 0.5, 1.0);
        Assert.InRange(knnSeconds, 0, 30);
        Assert.InRange(probeSeconds, 0, 60);
    }
}
