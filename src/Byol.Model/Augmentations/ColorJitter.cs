using TorchSharp;
using static TorchSharp.torch;

namespace Byol.Model.Augmentations;

/// <summary>
/// Table 6: "color jittering: the brightness, contrast, saturation and hue of the image are shifted by a uniformly
/// random offset applied on all the pixels of the same image. The order in which these shifts are performed is
/// randomly selected for each patch" (probability 0.8; strengths 0.4, 0.4, 0.2, 0.1).
/// Per image: whether to jitter, a permutation of the four ops, and the four factors. Slot by slot, each op is applied
/// to the images whose permutation holds it in that slot, and the result is clamped to [0, 1]. Saturation and hue are
/// no-ops for 1-channel images.
/// </summary>
internal sealed class ColorJitter(ViewOptions options)
{
    private const int OpCount = 4;
    private const int BrightnessOp = 0, ContrastOp = 1, SaturationOp = 2, HueOp = 3;

    /// <summary>Per image: apply, four order keys, four factors.</summary>
    public const int Columns = 1 + OpCount + OpCount;

    public Tensor Apply(Tensor images, UniformDraws draws, int column)
    {
        var jittered = draws.Below(column, options.JitterProbability);
        if (jittered.Count == 0)
        {
            return images;
        }

        var enabled = new[]
        {
            options.Brightness > 0,
            options.Contrast > 0,
            images.shape[1] == 3 && options.Saturation > 0,
            images.shape[1] == 3 && options.Hue > 0,
        };
        var orders = jittered.Select(b => Order(draws, (int)b, column + 1)).ToArray();
        var factorColumn = column + 1 + OpCount;
        for (var slot = 0; slot < OpCount; slot++)
        {
            for (var op = 0; op < OpCount; op++)
            {
                if (!enabled[op])
                {
                    continue;
                }

                var chosen = new List<long>();
                for (var i = 0; i < jittered.Count; i++)
                {
                    if (orders[i][slot] == op)
                    {
                        chosen.Add(jittered[i]);
                    }
                }

                var factors = Factors(draws, chosen, factorColumn + op, op);
                images = BatchIndex.OnSubset(images, chosen, factors, (subset, f) => Adjust(op, subset, f).clamp_(0, 1));
            }
        }

        return images;
    }

    /// <summary>The image's permutation of the ops: the ops sorted by their uniform keys.</summary>
    internal static int[] Order(UniformDraws draws, int image, int column)
    {
        var ops = Enumerable.Range(0, OpCount).ToArray();
        var keys = ops.Select(op => draws[image, column + op]).ToArray();
        Array.Sort(keys, ops);
        return ops;
    }

    private float[] Factors(UniformDraws draws, IReadOnlyList<long> chosen, int column, int op) => op switch
    {
        BrightnessOp => draws.Uniform(chosen, column, Math.Max(0, 1 - options.Brightness), 1 + options.Brightness),
        ContrastOp => draws.Uniform(chosen, column, Math.Max(0, 1 - options.Contrast), 1 + options.Contrast),
        SaturationOp => draws.Uniform(chosen, column, Math.Max(0, 1 - options.Saturation), 1 + options.Saturation),
        _ => draws.Uniform(chosen, column, -options.Hue, options.Hue),
    };

    private static Tensor Adjust(int op, Tensor images, Tensor factor) => op switch
    {
        BrightnessOp => AdjustBrightness(images, factor),
        ContrastOp => AdjustContrast(images, factor),
        SaturationOp => AdjustSaturation(images, factor),
        _ => AdjustHue(images, factor),
    };

    /// <summary>Multiplies each image by its factor.</summary>
    public static Tensor AdjustBrightness(Tensor images, Tensor factor) => images * BatchIndex.PerImage(factor);

    /// <summary>Blends each image with the mean of its grayscale: mean + f (x - mean).</summary>
    public static Tensor AdjustContrast(Tensor images, Tensor factor)
    {
        var mean = Grayscale.Luma(images).mean([1, 2, 3], keepdim: true);
        return Blend(images, mean, factor);
    }

    /// <summary>Blends each pixel with its own grayscale: gray + f (x - gray).</summary>
    public static Tensor AdjustSaturation(Tensor images, Tensor factor) => Blend(images, Grayscale.Luma(images), factor);

    /// <summary>Shifts each image's hue by its offset in turns (RGB -> HSV, h + offset mod 1, HSV -> RGB).</summary>
    public static Tensor AdjustHue(Tensor images, Tensor shift)
    {
        var max = images.amax([1], keepdim: true);
        var delta = max - images.amin([1], keepdim: true);
        var (r, g, b) = (images.narrow(1, 0, 1), images.narrow(1, 1, 1), images.narrow(1, 2, 1));

        // Hue in sixths of a turn, times delta; where delta is 0 the pixel is gray and its hue does not matter.
        var hue = torch.where(
            max.eq(r),
            g - b,
            torch.where(max.eq(g), (b - r).add_(delta, 2), (r - g).add_(delta, 4)));
        hue = hue.div_(delta.clamp_min(1e-12)).add_(BatchIndex.PerImage(shift).mul(6)).remainder_(6);

        // HSV -> RGB: channel n in (5, 3, 1) is v - v s clamp(min(k, 4 - k), 0, 1) with k = (n + h) mod 6, and v s = delta.
        var n = torch.tensor(new float[] { 5, 3, 1 }, device: images.device).view(1, 3, 1, 1);
        var k = hue.add(n).remainder_(6);
        var ramp = torch.minimum(k, k.neg().add_(4)).clamp_(0, 1);
        return max - ramp.mul_(delta);
    }

    private static Tensor Blend(Tensor images, Tensor other, Tensor factor)
        => other + (BatchIndex.PerImage(factor) * (images - other));
}
