using TorchSharp;
using static TorchSharp.torch;

namespace Byol.Model.Evaluation;

/// <summary>
/// Per-dimension standardization with statistics of the training features only: (x - mean) / std, population std,
/// and std 1 for a constant dimension. The test split never influences the statistics.
/// </summary>
public sealed class FeatureStandardizer : IDisposable
{
    private static readonly Scalar ConstantBelow = 1e-12.ToScalar(); // kept alive for every op that reads it (see Runtime.Scalars)

    private FeatureStandardizer(Tensor mean, Tensor std)
    {
        Mean = mean;
        Std = std;
    }

    /// <summary>[d], float64.</summary>
    public Tensor Mean { get; }

    /// <summary>[d], float64, every entry &gt; 0.</summary>
    public Tensor Std { get; }

    /// <summary>The statistics of <paramref name="trainFeatures"/> [n, d].</summary>
    public static FeatureStandardizer Fit(Tensor trainFeatures)
    {
        ArgumentNullException.ThrowIfNull(trainFeatures);
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var features = trainFeatures.detach().to_type(ScalarType.Float64);
        var mean = features.mean([0L]);
        var std = features.std(0, unbiased: false);
        std = torch.where(std.gt(ConstantBelow), std, torch.ones_like(std));
        return new FeatureStandardizer(mean.DetachFromDisposeScope(), std.DetachFromDisposeScope());
    }

    /// <summary>(features - mean) / std in float64, on the statistics' device.</summary>
    public Tensor Apply(Tensor features)
    {
        ArgumentNullException.ThrowIfNull(features);
        using var noGrad = torch.no_grad();
        return features.detach().to(ScalarType.Float64, Mean.device).sub(Mean).div(Std);
    }

    public void Dispose()
    {
        Mean.Dispose();
        Std.Dispose();
    }
}
