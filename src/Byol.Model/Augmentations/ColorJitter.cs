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
            // Brightness, contrast and saturation are all x -> scale x + luma_weight luma(x) + mean_weight mean(luma(x)),
            // so the images holding one of them in this slot share one pass (the others get scale 1); hue, the only
            // non-linear op, runs on the images holding it in this slot.
            var scale = Enumerable.Repeat(1f, draws.Batch).ToArray();
            var lumaWeight = new float[draws.Batch];
            var meanWeight = new float[draws.Batch];
            var linear = false;
            var hueImages = new List<long>();
            var hueShifts = new List<float>();
            for (var i = 0; i < jittered.Count; i++)
            {
                var (image, op) = ((int)jittered[i], orders[i][slot]);
                if (!enabled[op])
                {
                    continue;
                }

                var factor = (float)Factor(op, draws[image, factorColumn + op]);
                if (op == HueOp)
                {
                    hueImages.Add(image);
                    hueShifts.Add(factor);
                    continue;
                }

                linear = true;
                scale[image] = factor;
                if (op == ContrastOp)
                {
                    meanWeight[image] = 1 - factor;
                }
                else if (op == SaturationOp)
                {
                    lumaWeight[image] = 1 - factor;
                }
            }

            if (linear)
            {
                var device = images.device;
                images = Blend(
                    images,
                    torch.tensor(scale).to(device),
                    lumaWeight.Any(w => w != 0) ? torch.tensor(lumaWeight).to(device) : null,
                    meanWeight.Any(w => w != 0) ? torch.tensor(meanWeight).to(device) : null).clamp_(0, 1);
            }

            images = BatchIndex.OnSubset(images, hueImages, [.. hueShifts], (subset, shift) => AdjustHue(subset, shift).clamp_(0, 1));
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

    /// <summary>The op's factor from a uniform draw: U(max(0, 1 - s), 1 + s) for the blends, U(-h, h) turns for hue.</summary>
    private double Factor(int op, double uniform)
    {
        var strength = op switch
        {
            BrightnessOp => options.Brightness,
            ContrastOp => options.Contrast,
            SaturationOp => options.Saturation,
            _ => options.Hue,
        };
        var (lo, hi) = op == HueOp ? (-strength, strength) : (Math.Max(0, 1 - strength), 1 + strength);
        return lo + ((hi - lo) * uniform);
    }

    /// <summary>Multiplies each image by its factor.</summary>
    public static Tensor AdjustBrightness(Tensor images, Tensor factor) => Blend(images, factor, null, null);

    /// <summary>Blends each image with the mean of its grayscale: f x + (1 - f) mean.</summary>
    public static Tensor AdjustContrast(Tensor images, Tensor factor) => Blend(images, factor, null, factor.neg().add(1));

    /// <summary>Blends each pixel with its own grayscale: f x + (1 - f) gray.</summary>
    public static Tensor AdjustSaturation(Tensor images, Tensor factor) => Blend(images, factor, factor.neg().add(1), null);

    /// <summary>Shifts each image's hue by its offset in turns (RGB -> HSV, h + offset mod 1, HSV -> RGB).</summary>
    public static Tensor AdjustHue(Tensor images, Tensor shift)
    {
        var (r, g, b) = (images.narrow(1, 0, 1), images.narrow(1, 1, 1), images.narrow(1, 2, 1));
        var max = torch.maximum(r, torch.maximum(g, b));
        var delta = max - torch.minimum(r, torch.minimum(g, b));

        // Hue in sixths of a turn, times delta; where delta is 0 the pixel is gray and its hue does not matter.
        var hue = torch.where(
            max.eq(r),
            g - b,
            torch.where(max.eq(g), (b - r).add_(delta, 2), (r - g).add_(delta, 4)));
        hue = hue.div_(delta.clamp_min(1e-12)).add_(BatchIndex.PerImage(shift).mul(6));

        // HSV -> RGB: channel n in (5, 3, 1) is v - v s clamp(min(k, 4 - k), 0, 1) with k = (n + h) mod 6, and v s = delta
        // (the mod also wraps the shifted hue).
        var n = torch.tensor(new float[] { 5, 3, 1 }, device: images.device).view(1, 3, 1, 1);
        var k = hue.add(n).remainder_(6);
        var ramp = torch.minimum(k, k.neg().add_(4)).clamp_(0, 1);
        return max - ramp.mul_(delta);
    }

    /// <summary>scale x + lumaWeight luma(x) + meanWeight mean(luma(x)), each weight per image ([n]).</summary>
    private static Tensor Blend(Tensor images, Tensor scale, Tensor? lumaWeight, Tensor? meanWeight)
    {
        var result = images * BatchIndex.PerImage(scale);
        if (lumaWeight is null && meanWeight is null)
        {
            return result;
        }

        var luma = Grayscale.Luma(images);
        if (lumaWeight is not null)
        {
            result.add_(luma * BatchIndex.PerImage(lumaWeight));
        }

        if (meanWeight is not null)
        {
            result.add_(luma.mean([1, 2, 3], keepdim: true).mul_(BatchIndex.PerImage(meanWeight)));
        }

        return result;
    }
}
