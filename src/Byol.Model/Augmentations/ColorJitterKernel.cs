using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using TorchSharp;
using static TorchSharp.torch;

namespace Byol.Model.Augmentations;

/// <summary>
/// <see cref="ColorJitter"/>'s plan on CPU memory, one image at a time: the image's four ops in its own order, each
/// followed by the clamp to [0, 1], while the image (3 x 32 x 32 floats = 12 KiB) stays in cache. It computes what
/// <see cref="ColorJitter.ApplyBySlots"/> computes with whole-batch tensor ops (about 30 kernels per slot, most of
/// them for hue), in one vectorized pass per op (8 pixels at a time); images run in parallel on as many workers as
/// libtorch has intra-op threads.
/// </summary>
internal static class ColorJitterKernel
{
    private const float LumaR = 0.299f, LumaG = 0.587f, LumaB = 0.114f;

    /// <summary>A jittered copy of <paramref name="images"/> (float32 [B, C, H, W] on the CPU, C = 1 or 3).</summary>
    public static unsafe Tensor Apply(Tensor images, JitterPlan plan)
    {
        var output = images.contiguous().clone();
        var channels = (int)output.shape[1];
        var plane = (int)(output.shape[2] * output.shape[3]);
        var imageFloats = channels * plane;
        fixed (byte* bytes = output.bytes)
        {
            var start = (IntPtr)bytes;
            Parallel.For(0, plan.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, torch.get_num_threads()) }, i =>
            {
                var image = (float*)start + ((long)plan.Images[i] * imageFloats);
                foreach (var op in plan.Orders[i])
                {
                    if (plan.Enabled[op])
                    {
                        ApplyOp(image, channels, plane, op, plan.Factors[i][op]);
                    }
                }
            });
        }

        return output;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void ApplyOp(float* image, int channels, int plane, int op, float factor)
    {
        switch (op)
        {
            case JitterPlan.Brightness:
                Blend(image, channels * plane, factor, 0f);
                break;
            case JitterPlan.Contrast:
                Blend(image, channels * plane, factor, (1 - factor) * MeanLuma(image, channels, plane));
                break;
            case JitterPlan.Saturation:
                Saturate(image, plane, factor);
                break;
            default:
                ShiftHue(image, plane, factor);
                break;
        }
    }

    /// <summary>x = clamp(f x + offset, 0, 1) for every value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void Blend(float* x, int count, float factor, float offset)
    {
        var (f, o) = (Vector256.Create(factor), Vector256.Create(offset));
        for (var i = 0; i < count; i += Lanes)
        {
            var n = Math.Min(Lanes, count - i);
            Store(Clamp01((f * Load(x + i, n)) + o), x + i, n);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe float MeanLuma(float* image, int channels, int plane)
    {
        var sum = Vector256<float>.Zero;
        for (var p = 0; p < plane; p += Lanes)
        {
            var n = Math.Min(Lanes, plane - p);
            sum += channels == 1 ? Load(image + p, n) : Luma(Load(image + p, n), Load(image + plane + p, n), Load(image + (2 * plane) + p, n));
        }

        return Vector256.Sum(sum) / plane;
    }

    /// <summary>Each pixel blended with its own luma: clamp(f x + (1 - f) luma, 0, 1) (3 channels).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void Saturate(float* image, int plane, float factor)
    {
        float* r = image, g = image + plane, b = image + (2 * plane);
        var (f, rest) = (Vector256.Create(factor), Vector256.Create(1 - factor));
        for (var p = 0; p < plane; p += Lanes)
        {
            var n = Math.Min(Lanes, plane - p);
            var (red, green, blue) = (Load(r + p, n), Load(g + p, n), Load(b + p, n));
            var gray = rest * Luma(red, green, blue);
            Store(Clamp01((f * red) + gray), r + p, n);
            Store(Clamp01((f * green) + gray), g + p, n);
            Store(Clamp01((f * blue) + gray), b + p, n);
        }
    }

    /// <summary>
    /// The hue shift of <see cref="ColorJitter.AdjustHue"/>, pixel by pixel: hue in sixths of a turn from the largest
    /// channel, plus 6 x shift; channel n in (5, 3, 1) becomes max - delta clamp(min(k, 4 - k), 0, 1) with
    /// k = (n + h) mod 6 (the mod as torch.remainder, in [0, 6)); then clamped to [0, 1].
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void ShiftHue(float* image, int plane, float shift)
    {
        float* r = image, g = image + plane, b = image + (2 * plane);
        var sixths = Vector256.Create(shift * 6);
        var tiny = Vector256.Create(1e-12f);
        for (var p = 0; p < plane; p += Lanes)
        {
            var n = Math.Min(Lanes, plane - p);
            var (red, green, blue) = (Load(r + p, n), Load(g + p, n), Load(b + p, n));
            var max = Vector256.MaxNative(red, Vector256.MaxNative(green, blue));
            var delta = max - Vector256.MinNative(red, Vector256.MinNative(green, blue));
            var hue = Vector256.ConditionalSelect(
                Vector256.Equals(max, red),
                green - blue,
                Vector256.ConditionalSelect(Vector256.Equals(max, green), blue - red + (delta * 2), red - green + (delta * 4)));
            hue = (hue / Vector256.MaxNative(delta, tiny)) + sixths;
            Store(Clamp01(max - (delta * Ramp(hue + Vector256.Create(5f)))), r + p, n);
            Store(Clamp01(max - (delta * Ramp(hue + Vector256.Create(3f)))), g + p, n);
            Store(Clamp01(max - (delta * Ramp(hue + Vector256.Create(1f)))), b + p, n);
        }
    }

    private const int Lanes = 8;

    /// <summary>clamp(min(k, 4 - k), 0, 1) with k = h mod 6 in [0, 6).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static Vector256<float> Ramp(Vector256<float> h)
    {
        var k = h - (Vector256.Floor(h * (1f / 6)) * 6);
        return Clamp01(Vector256.MinNative(k, Vector256.Create(4f) - k));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static Vector256<float> Luma(Vector256<float> r, Vector256<float> g, Vector256<float> b)
        => (r * LumaR) + (g * LumaG) + (b * LumaB);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static Vector256<float> Clamp01(Vector256<float> x)
        => Vector256.MinNative(Vector256.MaxNative(x, Vector256<float>.Zero), Vector256<float>.One);

    /// <summary>Eight floats from <paramref name="source"/>; the last block of a plane may hold fewer (the rest read as 0).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe Vector256<float> Load(float* source, int count)
    {
        if (count == Lanes)
        {
            return Vector256.Load(source);
        }

        var block = stackalloc float[Lanes];
        new Span<float>(source, count).CopyTo(new Span<float>(block, Lanes));
        return Vector256.Load(block);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void Store(Vector256<float> value, float* destination, int count)
    {
        if (count == Lanes)
        {
            value.Store(destination);
            return;
        }

        var block = stackalloc float[Lanes];
        value.Store(block);
        new Span<float>(block, count).CopyTo(new Span<float>(destination, count));
    }
}
