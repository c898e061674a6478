using Byol.Model.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Byol.Model.Augmentations;

/// <summary>
/// Table 6: "solarization: an optional color transformation x -> x · 1{x &lt; 0.5} + (1 - x) · 1{x ≥ 0.5} for pixels
/// with values in [0, 1]" (probability 0.0 for view 1, 0.2 for view 2).
/// </summary>
internal sealed class Solarize(ViewOptions options)
{
    public const int Columns = 1;

    private static readonly Scalar Threshold = 0.5.ToScalar(); // kept alive for every op that reads it (see Scalars)

    public Tensor Apply(Tensor images, UniformDraws draws, int column)
        => BatchIndex.OnSubset(images, draws.Below(column, options.SolarizeProbability), Invert);

    public static Tensor Invert(Tensor images) =>
        torch.where(images.lt(Threshold), images, images.neg().add(Scalars.One, Scalars.One));
}
