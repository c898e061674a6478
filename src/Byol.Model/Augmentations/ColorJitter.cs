using Byol.Model.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Byol.Model.Augmentations;

/// <summary>
/// Table 6: "color jittering: the brightness, contrast, saturation and hue of the image are shifted by a uniformly
/// random offset applied on all the pixels of the same image. The order in which these shifts are performed is
/// randomly selected for each patch" (probability 0.8; strengths 0.4, 0.4, 0.2, 0.1).
/// Per image: whether to jitter, a permutation of the four ops, and the four factors (<see cref="Plan"/>); each op's
/// result is clamped to [0, 1]. Saturation and hue are no-ops for 1-channel images. On the CPU the plan runs image by
/// image (<see cref="ColorJitterKernel"/>: each image stays in cache through its four ops); on other devices, slot by
/// slot on the whole batch (<see cref="ApplyBySlots"/>). Both compute the same function.
/// </summary>
internal sealed class ColorJitter(ViewOptions options)
{
    /// <summary>Per image: apply, four order keys, four factors.</summary>
    public const int Columns = 1 + JitterPlan.OpCount + JitterPlan.OpCount;

    // The hue arithmetic's constants, kept alive for every op that reads them (see Scalars).
    private static readonly Scalar Four = 4.ToScalar();
    private static readonly Scalar Six = 6.ToScalar();
    private static readonly Scalar SmallestDelta = 1e-12.ToScalar();

    public Tensor Apply(Tensor images, UniformDraws draws, int column)
    {
        var plan = Plan(draws, column, (int)images.shape[1]);
        if (plan.Count == 0)
        {
            return images;
        }

        return images.device.type == DeviceType.CPU && images.dtype == ScalarType.Float32
            ? ColorJitterKernel.Apply(images, plan)
            : ApplyBySlots(images, plan);
    }

    /// <summary>Which images are jittered, in which order, with which factors (all from the draws, per image).</summary>
    public JitterPlan Plan(UniformDraws draws, int column, int channels)
    {
        var jittered = draws.Below(column, options.JitterProbability);
        var enabled = new[]
        {
            options.Brightness > 0,
            options.Contrast > 0,
            channels == 3 && options.Saturation > 0,
            channels == 3 && options.Hue > 0,
        };
        var factorColumn = column + 1 + JitterPlan.OpCount;
        var images = jittered.Select(b => (int)b).ToArray();
        var orders = images.Select(b => Order(draws, b, column + 1)).ToArray();
        var factors = images
            .Select(b => Enumerable.Range(0, JitterPlan.OpCount).Select(op => (float)Factor(op, draws[b, factorColumn + op])).ToArray())
            .ToArray();
        return new JitterPlan(images, orders, factors, enabled);
    }

    /// <summary>
    /// The plan on whole-batch tensors, slot by slot: brightness, contrast and saturation are all
    /// x -> scale x + luma_weight luma(x) + mean_weight mean(luma(x)), so the images holding one of them in a slot share
    /// one pass (the others get scale 1); hue, the only non-linear op, runs on the images holding it in that slot.
    /// </summary>
    public static Tensor ApplyBySlots(Tensor images, JitterPlan plan)
    {
        var batch = (int)images.shape[0];
        for (var slot = 0; slot < JitterPlan.OpCount; slot++)
        {
            var scale = Enumerable.Repeat(1f, batch).ToArray();
            var lumaWeight = new float[batch];
            var meanWeight = new float[batch];
            var linear = false;
            var hueImages = new List<long>();
            var hueShifts = new List<float>();
            for (var i = 0; i < plan.Count; i++)
            {
                var (image, op) = (plan.Images[i], plan.Orders[i][slot]);
                if (!plan.Enabled[op])
                {
                    continue;
                }

                var factor = plan.Factors[i][op];
                if (op == JitterPlan.Hue)
                {
                    hueImages.Add(image);
                    hueShifts.Add(factor);
                    continue;
                }

                linear = true;
                scale[image] = factor;
                if (op == JitterPlan.Contrast)
                {
                    meanWeight[image] = 1 - factor;
                }
                else if (op == JitterPlan.Saturation)
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
                    meanWeight.Any(w => w != 0) ? torch.tensor(meanWeight).to(device) : null).clamp_(Scalars.Zero, Scalars.One);
            }

            images = BatchIndex.OnSubset(images, hueImages, [.. hueShifts], (subset, shift) => AdjustHue(subset, shift).clamp_(Scalars.Zero, Scalars.One));
        }

        return images;
    }

    /// <summary>The image's permutation of the ops: the ops sorted by their uniform keys.</summary>
    internal static int[] Order(UniformDraws draws, int image, int column)
    {
        var ops = Enumerable.Range(0, JitterPlan.OpCount).ToArray();
        var keys = ops.Select(op => draws[image, column + op]).ToArray();
        Array.Sort(keys, ops);
        return ops;
    }

    /// <summary>The op's factor from a uniform draw: U(max(0, 1 - s), 1 + s) for the blends, U(-h, h) turns for hue.</summary>
    private double Factor(int op, double uniform)
    {
        var strength = op switch
        {
            JitterPlan.Brightness => options.Brightness,
            JitterPlan.Contrast => options.Contrast,
            JitterPlan.Saturation => options.Saturation,
            _ => options.Hue,
        };
        var (lo, hi) = op == JitterPlan.Hue ? (-strength, strength) : (Math.Max(0, 1 - strength), 1 + strength);
        return lo + ((hi - lo) * uniform);
    }

    /// <summary>Multiplies each image by its factor.</summary>
    public static Tensor AdjustBrightness(Tensor images, Tensor factor) => Blend(images, factor, null, null);

    /// <summary>Blends each image with the mean of its grayscale: f x + (1 - f) mean.</summary>
    public static Tensor AdjustContrast(Tensor images, Tensor factor) => Blend(images, factor, null, OneMinus(factor));

    /// <summary>Blends each pixel with its own grayscale: f x + (1 - f) gray.</summary>
    public static Tensor AdjustSaturation(Tensor images, Tensor factor) => Blend(images, factor, OneMinus(factor), null);

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
            torch.where(max.eq(g), (b - r).add_(delta, Scalars.Two), (r - g).add_(delta, Four)));
        hue = hue.div_(delta.clamp_min(SmallestDelta)).add_(BatchIndex.PerImage(shift).mul(Six), Scalars.One);

        // HSV -> RGB: channel n in (5, 3, 1) is v - v s clamp(min(k, 4 - k), 0, 1) with k = (n + h) mod 6, and v s = delta
        // (the mod also wraps the shifted hue).
        var n = torch.tensor(new float[] { 5, 3, 1 }, device: images.device).view(1, 3, 1, 1);
        var k = hue.add(n, Scalars.One).remainder_(Six);
        var ramp = torch.minimum(k, k.neg().add_(Four, Scalars.One)).clamp_(Scalars.Zero, Scalars.One);
        return max - ramp.mul_(delta);
    }

    /// <summary>1 - f, as TorchSharp's <c>f.neg().add(1)</c> computes it.</summary>
    private static Tensor OneMinus(Tensor factor) => factor.neg().add(Scalars.One, Scalars.One);

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
            result.add_(luma * BatchIndex.PerImage(lumaWeight), Scalars.One);
        }

        if (meanWeight is not null)
        {
            result.add_(luma.mean([1, 2, 3], keepdim: true).mul_(BatchIndex.PerImage(meanWeight)), Scalars.One);
        }

        return result;
    }
}
