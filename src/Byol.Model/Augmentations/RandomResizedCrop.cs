using Byol.Model.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Byol.Model.Augmentations;

/// <summary>A crop in source pixels, and whether the view is mirrored.</summary>
internal readonly record struct CropBox(int Top, int Left, int Height, int Width, bool Flip);

/// <summary>
/// Table 6: "random cropping: a random patch of the image is selected, with an area uniformly sampled between 8% and
/// 100% of that of the original image, and an aspect ratio logarithmically sampled between 3/4 and 4/3. This patch is
/// then resized to the target size of 224 x 224 using bicubic interpolation" and "optional left-right flip".
/// Sampling follows torchvision's RandomResizedCrop per image (up to 10 attempts, the first that fits, else a central
/// crop clamped to the aspect range); the flip is folded into the same affine theta (negated x scale).
/// </summary>
internal sealed class RandomResizedCrop(ViewOptions options)
{
    public const int Attempts = 10;

    /// <summary>Per image: area, log aspect, row, column for each attempt, then the flip.</summary>
    public const int Columns = (4 * Attempts) + 1;

    private static readonly Scalar MinusOne = (-1).ToScalar(); // kept alive for every op that reads it (see Scalars)
    private static readonly Scalar Three = 3.ToScalar();

    public CropBox[] Sample(UniformDraws draws, int column, int height, int width)
    {
        var boxes = new CropBox[draws.Batch];
        var logMin = Math.Log(options.AspectMin);
        var logMax = Math.Log(options.AspectMax);
        double area = (double)height * width;
        for (var b = 0; b < draws.Batch; b++)
        {
            var flip = draws[b, column + (4 * Attempts)] < options.FlipProbability;
            boxes[b] = Fallback(height, width, flip);
            for (var a = 0; a < Attempts; a++)
            {
                var c = column + (4 * a);
                var target = area * (options.CropAreaMin + ((options.CropAreaMax - options.CropAreaMin) * draws[b, c]));
                var aspect = Math.Exp(logMin + ((logMax - logMin) * draws[b, c + 1]));
                var w = (int)Math.Round(Math.Sqrt(target * aspect));
                var h = (int)Math.Round(Math.Sqrt(target / aspect));
                if (w > 0 && w <= width && h > 0 && h <= height)
                {
                    var top = Math.Min(height - h, (int)(draws[b, c + 2] * (height - h + 1)));
                    var left = Math.Min(width - w, (int)(draws[b, c + 3] * (width - w + 1)));
                    boxes[b] = new CropBox(top, left, h, w, flip);
                    break;
                }
            }
        }

        return boxes;
    }

    /// <summary>torchvision's fallback: the whole image, cut to the aspect range, centred.</summary>
    private CropBox Fallback(int height, int width, bool flip)
    {
        var ratio = (double)width / height;
        int w = width, h = height;
        if (ratio < options.AspectMin)
        {
            h = Math.Clamp((int)Math.Round(w / options.AspectMin), 1, height);
        }
        else if (ratio > options.AspectMax)
        {
            w = Math.Clamp((int)Math.Round(h * options.AspectMax), 1, width);
        }

        return new CropBox((height - h) / 2, (width - w) / 2, h, w, flip);
    }

    /// <summary>
    /// One affine theta per image, [B, 2, 3] float32 on the CPU, mapping output coordinates in [-1, 1] (align_corners
    /// false) to source coordinates: x_src = sx * x_out + cx with sx = ±w / W, cx = (2 left + w) / W - 1, likewise y.
    /// </summary>
    public static Tensor Theta(IReadOnlyList<CropBox> boxes, int height, int width)
    {
        var theta = new float[boxes.Count * 6];
        for (var b = 0; b < boxes.Count; b++)
        {
            var box = boxes[b];
            theta[(6 * b) + 0] = (float)((box.Flip ? -1.0 : 1.0) * box.Width / width);
            theta[(6 * b) + 2] = (float)((((2.0 * box.Left) + box.Width) / width) - 1);
            theta[(6 * b) + 4] = (float)((double)box.Height / height);
            theta[(6 * b) + 5] = (float)((((2.0 * box.Top) + box.Height) / height) - 1);
        }

        return torch.tensor(theta).view(boxes.Count, 2, 3);
    }

    /// <summary>
    /// Samples [B, C, size, size] from <paramref name="images"/> through each image's theta, with border padding.
    /// Bilinear uses affine_grid + grid_sample. TorchSharp 0.107's grid_sample has no bicubic mode (its native side maps
    /// only nearest and bilinear), and the theta has no rotation, so bicubic is done separably on the same theta:
    /// out = Ry · image · Rxᵀ with per-image Keys-cubic (a = -0.75, as PyTorch) weight matrices; clamped to [0, 1].
    /// </summary>
    public static Tensor Resample(Tensor images, Tensor theta, int size, bool bicubic)
    {
        var batch = images.shape[0];
        var channels = images.shape[1];
        theta = theta.to(images.device);
        if (!bicubic)
        {
            var grid = nn.functional.affine_grid(theta, [batch, channels, size, size], align_corners: false);
            return nn.functional.grid_sample(images, grid, GridSampleMode.Bilinear, GridSamplePaddingMode.Border, align_corners: false);
        }

        // Output pixel centres in normalized coordinates, then the source coordinate of each, in source pixels.
        using var sizeScalar = size.ToScalar();
        var centres = torch.arange(Scalars.Zero, sizeScalar, Scalars.One, dtype: float32, device: images.device)
            .mul(Scalars.Two).add(Scalars.One, Scalars.One).div(sizeScalar).sub(Scalars.One);
        var xs = (theta[.., 0, 0..1] * centres).add(theta[.., 0, 2..3], Scalars.One);
        var ys = (theta[.., 1, 1..2] * centres).add(theta[.., 1, 2..3], Scalars.One);
        var rx = CubicWeights(ToPixels(xs, images.shape[3]), images.shape[3]);
        var ry = CubicWeights(ToPixels(ys, images.shape[2]), images.shape[2]);
        var result = ry.unsqueeze(1).matmul(images).matmul(rx.unsqueeze(1).transpose(2, 3));
        return result.clamp(Scalars.Zero, Scalars.One);
    }

    private static Tensor ToPixels(Tensor normalized, long length)
    {
        using var lengthScalar = length.ToScalar();
        return normalized.add(Scalars.One, Scalars.One).mul(lengthScalar).sub(Scalars.One).div(Scalars.Two);
    }

    /// <summary>[B, S, length] weights: row s holds the 4 Keys-cubic taps around coordinate s, clamped to the border.</summary>
    private static Tensor CubicWeights(Tensor coordinates, long length)
    {
        var floor = coordinates.floor();
        var offsets = torch.arange(MinusOne, Three, Scalars.One, dtype: float32, device: coordinates.device);
        var distance = (coordinates - floor).unsqueeze(-1).sub(offsets).abs();
        var near = distance.mul(KeysCubic.NearCubic).sub(KeysCubic.NearSquare).mul(distance).mul(distance).add(Scalars.One, Scalars.One);
        var far = distance.mul(KeysCubic.FarCubic).sub(KeysCubic.FarSquare).mul(distance).add(KeysCubic.FarLinear, Scalars.One)
            .mul(distance).sub(KeysCubic.FarConstant);
        var weights = torch.where(distance.le(Scalars.One), near, torch.where(distance.lt(Scalars.Two), far, torch.zeros_like(far)));
        using var lastTap = (length - 1).ToScalar();
        var taps = floor.unsqueeze(-1).add(offsets, Scalars.One).clamp(Scalars.Zero, lastTap).to(int64);
        var shape = new long[] { coordinates.shape[0], coordinates.shape[1], length };
        return torch.zeros(shape, dtype: float32, device: coordinates.device).scatter_add_(2, taps, weights);
    }

    /// <summary>
    /// Keys' cubic convolution kernel with a = -0.75 (as PyTorch's bicubic), by distance d to the tap: near taps (d &lt;= 1)
    /// ((a + 2) d - (a + 3)) d² + 1, far taps (1 &lt; d &lt; 2) ((a d - 5a) d + 8a) d - 4a. Its coefficients are kept alive
    /// for every op that reads them (see Scalars).
    /// </summary>
    private static class KeysCubic
    {
        private const double A = -0.75;
        public static readonly Scalar NearCubic = (A + 2).ToScalar();
        public static readonly Scalar NearSquare = (A + 3).ToScalar();
        public static readonly Scalar FarCubic = A.ToScalar();
        public static readonly Scalar FarSquare = (5 * A).ToScalar();
        public static readonly Scalar FarLinear = (8 * A).ToScalar();
        public static readonly Scalar FarConstant = (4 * A).ToScalar();
    }
}
