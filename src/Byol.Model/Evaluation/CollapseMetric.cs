using TorchSharp;
using static TorchSharp.torch;

namespace Byol.Model.Evaluation;

/// <summary>
/// The collapse monitor of SimSiam (Chen and He 2021, Section 4.1: "the standard deviation of the l2-normalized
/// output"), which BYOL's failure mode (a constant representation) drives to zero.
/// </summary>
public static class CollapseMetric
{
    /// <summary>
    /// Mean over dimensions of the per-dimension standard deviation (unbiased, over rows) of the l2-normalized rows of
    /// <paramref name="projections"/> [n, d], n &gt;= 2: about 1/sqrt(d) for a healthy representation, 0 when collapsed.
    /// </summary>
    public static double ZStd(Tensor projections)
    {
        ArgumentNullException.ThrowIfNull(projections);
        if (projections.dim() != 2 || projections.shape[0] < 2)
        {
            throw new ArgumentException(
                $"projections must be a [rows, dims] matrix with at least 2 rows, got [{string.Join(", ", projections.shape)}]",
                nameof(projections));
        }

        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var normalized = nn.functional.normalize(projections.detach().to_type(ScalarType.Float64), dim: 1);
        return normalized.std(0).mean().item<double>();
    }
}
