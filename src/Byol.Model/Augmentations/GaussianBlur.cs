using Byol.Model.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Byol.Model.Augmentations;

/// <summary>
/// Table 6: "Gaussian blurring: for a square image of size 224 x 224, we blur the image using a Gaussian kernel of size
/// 23 x 23, with a standard deviation uniformly sampled over [0.1, 2.0]" (probability 1.0 for view 1, 0.1 for view 2).
/// The kernel side scales with the output (23/224 of it, odd, at least 3); sigma is drawn per image, the blur is
/// separable, each image's kernel applied by a grouped conv2d with reflect padding.
/// </summary>
internal sealed class GaussianBlur(ViewOptions options, int outputSize)
{
    /// <summary>Per image: whether to blur, sigma.</summary>
    public const int Columns = 2;

    private static readonly Scalar MinusTwo = (-2).ToScalar(); // kept alive for every op that reads it (see Scalars)

    public int KernelSize { get; } = KernelSizeFor(outputSize);

    public static int KernelSizeFor(int outputSize)
    {
        var size = (int)Math.Round(outputSize * 23.0 / 224.0);
        if (size % 2 == 0)
        {
            size += 1;
        }

        // Reflect padding needs the radius below the side.
        var largest = (2 * (outputSize - 1)) + 1;
        return Math.Min(Math.Max(size, 3), largest);
    }

    public Tensor Apply(Tensor images, UniformDraws draws, int column)
    {
        if (KernelSize < 3)
        {
            return images;
        }

        var chosen = draws.Below(column, options.BlurProbability);
        var sigmas = draws.Uniform(chosen, column + 1, options.BlurSigmaMin, options.BlurSigmaMax);
        return BatchIndex.OnSubset(images, chosen, sigmas, (subset, sigma) => Blur(subset, sigma, KernelSize));
    }

    /// <summary>Blurs each of [n, C, H, W] with its own sigma from [n].</summary>
    public static Tensor Blur(Tensor images, Tensor sigma, int kernelSize)
    {
        var (n, channels, height, width) = (images.shape[0], images.shape[1], images.shape[2], images.shape[3]);
        var radius = kernelSize / 2;
        using var first = (-radius).ToScalar();
        using var end = (radius + 1).ToScalar();
        var offsets = torch.arange(first, end, Scalars.One, dtype: float32, device: images.device);
        var kernels = offsets.pow(Scalars.Two).unsqueeze(0).div(sigma.pow(Scalars.Two).mul(MinusTwo).unsqueeze(1)).exp();
        kernels = kernels.div(kernels.sum(1, keepdim: true)).repeat_interleave(channels, dim: 0);
        var groups = n * channels;
        var planes = images.reshape(1, groups, height, width);
        planes = nn.functional.pad(planes, (radius, radius, 0, 0), PaddingModes.Reflect);
        planes = nn.functional.conv2d(planes, kernels.view(groups, 1, 1, kernelSize), groups: groups);
        planes = nn.functional.pad(planes, (0, 0, radius, radius), PaddingModes.Reflect);
        planes = nn.functional.conv2d(planes, kernels.view(groups, 1, kernelSize, 1), groups: groups);
        return planes.view(n, channels, height, width);
    }
}
