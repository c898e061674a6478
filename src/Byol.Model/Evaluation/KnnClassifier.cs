using Byol.Model.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Byol.Model.Evaluation;

/// <summary>
/// Weighted k-nearest-neighbour classification on cosine similarity (Wu et al. 2018, "Unsupervised Feature Learning
/// via Non-Parametric Instance Discrimination", the kNN monitor of BYOL reimplementations and solo-learn).
/// </summary>
public static class KnnClassifier
{
    /// <summary>The similarity matrix of one query chunk is kept under this many elements (64 MiB of float32).</summary>
    private const long MaxSimilarityElements = 16L << 20;

    /// <summary>
    /// Top-1 accuracy of the weighted kNN vote: features are l2-normalized, and for each query the k most similar bank
    /// features vote for their labels with weight exp(similarity / temperature); the prediction is the class with the
    /// largest summed weight (the lowest class index on a tie). k is clamped to the bank size. Queries are processed
    /// in chunks so memory stays bounded; one host read at the end.
    /// </summary>
    public static double Top1(
        Tensor bankFeatures, Tensor bankLabels, Tensor queryFeatures, Tensor queryLabels, int classCount, int k = 200, double temperature = 0.07)
    {
        ArgumentNullException.ThrowIfNull(bankFeatures);
        ArgumentNullException.ThrowIfNull(bankLabels);
        ArgumentNullException.ThrowIfNull(queryFeatures);
        ArgumentNullException.ThrowIfNull(queryLabels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(classCount);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(temperature);
        EvaluationInputs.RequireFeaturesAndLabels(bankFeatures, bankLabels, nameof(bankFeatures));
        EvaluationInputs.RequireFeaturesAndLabels(queryFeatures, queryLabels, nameof(queryFeatures));
        if (bankFeatures.shape[1] != queryFeatures.shape[1])
        {
            throw new ArgumentException(
                $"bank features have {bankFeatures.shape[1]} dimensions but query features have {queryFeatures.shape[1]}", nameof(queryFeatures));
        }

        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        using var temperatureScalar = temperature.ToScalar(); // TorchSharp reads Scalars; alive until every chunk is done
        var bankSize = bankFeatures.shape[0];
        var queryCount = queryFeatures.shape[0];
        var neighbours = (int)Math.Min(k, bankSize);
        var bank = nn.functional.normalize(bankFeatures.detach().to_type(ScalarType.Float32), dim: 1);
        var labels = bankLabels.to(ScalarType.Int64, bank.device);
        var chunk = Math.Max(1, Math.Min(queryCount, MaxSimilarityElements / bankSize));
        var correct = torch.zeros(1, ScalarType.Int64, bank.device);
        for (long start = 0; start < queryCount; start += chunk)
        {
            using var chunkScope = torch.NewDisposeScope();
            var length = Math.Min(chunk, queryCount - start);
            var queries = nn.functional.normalize(
                queryFeatures.narrow(0, start, length).detach().to(ScalarType.Float32, bank.device), dim: 1);
            var (similarities, indices) = queries.mm(bank.t()).topk(neighbours, dim: 1);
            var votes = torch.zeros(length, classCount, ScalarType.Float32, bank.device)
                .scatter_add_(1, labels[indices], similarities.div(temperatureScalar).exp());
            var truth = queryLabels.narrow(0, start, length).to(ScalarType.Int64, bank.device);
            correct.add_(votes.argmax(1).eq(truth).sum(), Scalars.One);
        }

        return (double)correct.item<long>() / queryCount;
    }
}
