using TorchSharp;

namespace Byol.Model.Optimization;

/// <summary>
/// Which parameters the paper keeps out of weight decay and LARS adaptation: "we exclude the biases and batch
/// normalization parameters from both LARS adaptation and weight decay". Those are exactly the tensors of rank &lt;= 1
/// (biases, BN/LN weights and biases); convolution kernels and linear weights have rank &gt;= 2.
/// </summary>
public static class ParameterExclusion
{
    /// <summary>True for biases and normalization parameters (rank 0 or 1).</summary>
    public static bool IsExcluded(torch.Tensor parameter) => parameter.dim() <= 1;
}
