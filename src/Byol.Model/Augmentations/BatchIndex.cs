using TorchSharp;
using static TorchSharp.torch;

namespace Byol.Model.Augmentations;

/// <summary>Applies an op to the chosen images of a batch only: gather them, transform, scatter them back.</summary>
internal static class BatchIndex
{
    public static Tensor OnSubset(Tensor images, IReadOnlyList<long> chosen, Func<Tensor, Tensor> op)
        => OnSubset(images, chosen, new float[chosen.Count], (subset, _) => op(subset));

    /// <summary><paramref name="op"/> gets the chosen images and their per-image parameters as a [n] tensor.</summary>
    public static Tensor OnSubset(Tensor images, IReadOnlyList<long> chosen, float[] parameters, Func<Tensor, Tensor, Tensor> op)
    {
        if (chosen.Count == 0)
        {
            return images;
        }

        var device = images.device;
        var values = torch.tensor(parameters).to(device);
        if (chosen.Count == images.shape[0])
        {
            return op(images, values);
        }

        var index = torch.tensor(chosen.ToArray()).to(device);
        var changed = op(images.index_select(0, index), values);
        return images.index_copy(0, index, changed);
    }

    /// <summary>A [n] parameter tensor shaped to broadcast over [n, C, H, W].</summary>
    public static Tensor PerImage(Tensor values) => values.view(-1, 1, 1, 1);
}
