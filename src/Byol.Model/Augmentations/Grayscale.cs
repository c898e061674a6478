using Byol.Model.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Byol.Model.Augmentations;

/// <summary>
/// Table 6: "color dropping: an optional conversion to grayscale. When applied, output intensity for a pixel (r, g, b)
/// corresponds to its luma component, computed as 0.2989r + 0.5870g + 0.1140b" (ITU-R 601-2, as torchvision's
/// 0.299 / 0.587 / 0.114), replicated to the three channels. A no-op for 1-channel images.
/// </summary>
internal sealed class Grayscale(ViewOptions options)
{
    public const int Columns = 1;

    // The luma weights, kept alive for every op that reads them (see Scalars).
    private static readonly Scalar RedWeight = 0.299.ToScalar();
    private static readonly Scalar GreenWeight = 0.587.ToScalar();
    private static readonly Scalar BlueWeight = 0.114.ToScalar();

    public Tensor Apply(Tensor images, UniformDraws draws, int column)
    {
        if (images.shape[1] == 1)
        {
            return images;
        }

        var chosen = draws.Below(column, options.GrayscaleProbability);
        return BatchIndex.OnSubset(images, chosen, subset => Luma(subset).expand_as(subset));
    }

    /// <summary>[n, 1, H, W] luma of [n, 3, H, W] images (the image itself for 1 channel).</summary>
    public static Tensor Luma(Tensor images)
    {
        if (images.shape[1] == 1)
        {
            return images;
        }

        return images.narrow(1, 0, 1).mul(RedWeight)
            .add(images.narrow(1, 1, 1).mul(GreenWeight), Scalars.One)
            .add(images.narrow(1, 2, 1).mul(BlueWeight), Scalars.One);
    }
}
