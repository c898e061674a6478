using Byol.Model.Data;
using Byol.Model.Networks;
using Byol.Model.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Byol.Model.Evaluation;

/// <summary>
/// Scores a representation the way the paper's linear evaluation and the common kNN monitor do: features of a
/// labelled bank split train the probe and form the kNN memory; features of the eval split are classified.
/// Also computes the baselines on the same splits: raw pixels and a random-init encoder.
/// </summary>
public sealed class RepresentationEvaluator(ImageSet bank, ImageSet eval, EvaluationOptions options)
{
    public ImageSet Bank { get; } = bank;
    public ImageSet Eval { get; } = eval;
    public int ClassCount { get; } = Math.Max(bank.ClassCount, eval.ClassCount);

    /// <summary>Evaluates the encoder (and z_std of the projector's outputs on the eval split, when given).</summary>
    public EvaluationResult Evaluate(nn.Module<Tensor, Tensor> encoder, nn.Module<Tensor, Tensor>? projectedEncoder,
        int imageSize, InputNormalization normalization, Device device)
    {
        using var bankFeatures = FeatureExtractor.Extract(encoder, Bank, imageSize, normalization, device);
        using var evalFeatures = FeatureExtractor.Extract(encoder, Eval, imageSize, normalization, device);
        double? zStd = null;
        if (projectedEncoder is not null)
        {
            using var projections = FeatureExtractor.Extract(projectedEncoder, Eval, imageSize, normalization, device);
            zStd = CollapseMetric.ZStd(projections);
        }
        var (knn, linear) = Score(bankFeatures, evalFeatures);
        return new EvaluationResult(knn, linear, zStd);
    }

    /// <summary>kNN and linear probe on flattened raw pixels.</summary>
    public EvaluationResult RawPixels()
    {
        using var bankFeatures = FeatureExtractor.RawPixels(Bank);
        using var evalFeatures = FeatureExtractor.RawPixels(Eval);
        var (knn, linear) = Score(bankFeatures, evalFeatures);
        return new EvaluationResult(knn, linear, null);
    }

    /// <summary>kNN and linear probe on a freshly initialized encoder of the given architecture.</summary>
    public EvaluationResult RandomInit(string encoderName, int imageSize, long seed, InputNormalization normalization, Device device)
    {
        using var encoder = ByolNetworks.CreateRandomEncoder(encoderName, Bank.Channels, seed, device);
        // A random network's batch-norm running statistics are the identity; let them see the data once, as
        // training would, so the baseline measures the random weights and not untouched normalization.
        WarmUpBatchNorm(encoder, imageSize, normalization, device);
        return Evaluate(encoder, null, imageSize, normalization, device);
    }

    private void WarmUpBatchNorm(ResNetEncoder encoder, int imageSize, InputNormalization normalization, Device device)
    {
        encoder.train();
        using var _ = no_grad();
        for (var start = 0; start < Math.Min(Bank.Count, 2048); start += 256)
        {
            using var scope = NewDisposeScope();
            var indices = Enumerable.Range(start, Math.Min(256, Bank.Count - start)).ToArray();
            encoder.call(FeatureExtractor.Prepare(Bank.ToTensor(indices, device), imageSize, normalization));
        }
        encoder.eval();
    }

    private (double Knn, double Linear) Score(Tensor bankFeatures, Tensor evalFeatures)
    {
        using var bankLabels = FeatureExtractor.Labels(Bank);
        using var evalLabels = FeatureExtractor.Labels(Eval);
        var knn = KnnClassifier.Top1(bankFeatures, bankLabels, evalFeatures, evalLabels, ClassCount, options.KnnK, options.KnnTemperature);
        var linear = LinearProbe.Evaluate(bankFeatures, bankLabels, evalFeatures, evalLabels, ClassCount, options.LinearProbe).TestTop1;
        return (knn, linear);
    }
}
