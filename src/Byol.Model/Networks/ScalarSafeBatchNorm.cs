using Byol.Model.Runtime;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Byol.Model.Networks;

/// <summary>
/// A batch norm with <c>nn.BatchNorm2d</c> / <c>nn.BatchNorm1d</c>'s defaults (eps 1e-5, momentum 0.1, affine, running
/// statistics) and their parameters, buffers and state-dict names, whose forward keeps every Scalar it passes alive.
/// TorchSharp 0.107's own forward counts each training batch with <c>num_batches_tracked.add_(1)</c>, a number
/// converted to a Scalar that the GC may finalize while the op still reads it (dotnet/TorchSharp#1434, see
/// <see cref="Scalars"/>); under continuous garbage collection that made a training-mode forward fail with "Unknown
/// scalar type". Here the count adds <see cref="Scalars.One"/>, and the normalization is
/// <c>nn.functional.batch_norm</c> with the module's statistics and affine parameters.
/// </summary>
internal sealed class ScalarSafeBatchNorm : BatchNorm
{
    private const double Epsilon = 1e-5;
    private const double DefaultMomentum = 0.1;

    private readonly long[] inputRanks;

    /// <summary>m in r ← (1 − m)·r + m·b, the running statistics' update.</summary>
    public double Momentum => DefaultMomentum;

    private ScalarSafeBatchNorm(long features, long[] inputRanks)
        : base(features, Epsilon, DefaultMomentum, affine: true, track_running_stats: true, device: null, dtype: null, nameof(BatchNorm))
    {
        this.inputRanks = inputRanks;
    }

    /// <summary>For [N, C, H, W] inputs, as <c>nn.BatchNorm2d(channels)</c>.</summary>
    public static ScalarSafeBatchNorm Of2d(long channels) => new(channels, [4]);

    /// <summary>For [N, C] or [N, C, L] inputs, as <c>nn.BatchNorm1d(features)</c>.</summary>
    public static ScalarSafeBatchNorm Of1d(long features) => new(features, [2, 3]);

    /// <summary>Counts a training batch, then normalizes (batch statistics in training, running statistics in eval).</summary>
    public override Tensor forward(Tensor input)
    {
        ValidateInputDimensions(input);
        if (training && LaneBatchStatistics.Current is { } lane)
        {
            return lane.Normalize(this, input, Momentum, Epsilon); // counted when the lanes merge
        }

        if (training && num_batches_tracked is not null)
        {
            num_batches_tracked.add_(Scalars.One, Scalars.One);
        }

        return nn.functional.batch_norm(input, running_mean, running_var, weight, bias, training, Momentum, Epsilon);
    }

    protected override void ValidateInputDimensions(Tensor input)
    {
        if (!inputRanks.Contains(input.ndim))
        {
            throw new ArgumentException($"expected {string.Join(" or ", inputRanks.Select(r => $"{r}D"))} input, but got {input.ndim}D input.");
        }
    }
}
