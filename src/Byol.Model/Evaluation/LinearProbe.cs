using Byol.Model.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Byol.Model.Evaluation;

/// <summary>
/// The linear evaluation protocol on frozen features: "we train a linear classifier on top of the frozen
/// representation" (BYOL, Section 4.1). Here: multinomial logistic regression on standardized features, trained to
/// convergence with full-batch L-BFGS from zero weights (so the result is deterministic).
/// </summary>
public static class LinearProbe
{
    /// <summary>
    /// Standardizes with the training features' mean and std, minimizes mean cross-entropy + 0.5 x L2 x ||W||^2 over
    /// weights W [d, classes] and bias b [classes] until the loss changes by less than the tolerance (or the gradient
    /// vanishes, or MaxEpochs iterations), and returns the top-1 accuracy on the train and the test features.
    /// Runs in float64 on the training features' device.
    /// </summary>
    public static LinearProbeResult Evaluate(
        Tensor trainFeatures, Tensor trainLabels, Tensor testFeatures, Tensor testLabels, int classCount, LinearProbeOptions options)
    {
        ArgumentNullException.ThrowIfNull(trainFeatures);
        ArgumentNullException.ThrowIfNull(trainLabels);
        ArgumentNullException.ThrowIfNull(testFeatures);
        ArgumentNullException.ThrowIfNull(testLabels);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(classCount);
        EvaluationInputs.RequireFeaturesAndLabels(trainFeatures, trainLabels, nameof(trainFeatures));
        EvaluationInputs.RequireFeaturesAndLabels(testFeatures, testLabels, nameof(testFeatures));
        if (trainFeatures.shape[1] != testFeatures.shape[1])
        {
            throw new ArgumentException(
                $"train features have {trainFeatures.shape[1]} dimensions but test features have {testFeatures.shape[1]}", nameof(testFeatures));
        }

        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        using var standardizer = FeatureStandardizer.Fit(trainFeatures);
        var train = standardizer.Apply(trainFeatures);
        var test = standardizer.Apply(testFeatures);
        var device = train.device;
        var labels = trainLabels.to(ScalarType.Int64, device);
        var trainTransposed = train.t().contiguous();
        var dims = train.shape[1];
        var targets = nn.functional.one_hot(labels, classCount).to_type(ScalarType.Float64);
        var rows = (double)train.shape[0];

        // TorchSharp reads Scalars; these stay alive until the last objective evaluation.
        using var rowsScalar = rows.ToScalar();
        using var minusRows = (-rows).ToScalar();
        using var l2 = options.L2.ToScalar();
        using var halfL2 = (0.5 * options.L2).ToScalar();

        (double, Tensor) Objective(Tensor parameters)
        {
            using var objectiveScope = torch.NewDisposeScope();
            var weights = parameters.narrow(0, 0, dims * classCount).view(dims, classCount);
            var bias = parameters.narrow(0, dims * classCount, classCount);
            var logProbabilities = nn.functional.log_softmax(train.mm(weights).add(bias, Scalars.One), 1);
            var loss = logProbabilities.mul(targets).sum().div(minusRows).add(weights.pow(Scalars.Two).sum().mul(halfL2), Scalars.One);
            var residual = logProbabilities.exp().sub(targets).div(rowsScalar);
            var weightGradient = trainTransposed.mm(residual).add(weights, alpha: l2);
            var gradient = torch.cat([weightGradient.flatten(), residual.sum([0L])]);
            return (loss.item<double>(), gradient.MoveToOuterDisposeScope());
        }

        var start = torch.zeros((dims + 1) * classCount, ScalarType.Float64, device);
        var (solution, iterations) = Lbfgs.Minimize(
            Objective, start, options.MaxEpochs, options.Tolerance, options.GradientTolerance, options.HistorySize);
        var finalWeights = solution.narrow(0, 0, dims * classCount).view(dims, classCount);
        var finalBias = solution.narrow(0, dims * classCount, classCount);
        return new LinearProbeResult(
            Accuracy(train, labels, finalWeights, finalBias),
            Accuracy(test, testLabels.to(ScalarType.Int64, device), finalWeights, finalBias),
            iterations);
    }

    private static double Accuracy(Tensor features, Tensor labels, Tensor weights, Tensor bias) =>
        features.mm(weights).add(bias, Scalars.One).argmax(1).eq(labels).to_type(ScalarType.Float64).mean().item<double>();
}
