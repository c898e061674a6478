using Byol.Model.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Byol.Model.Augmentations;

/// <summary>
/// Makes one BYOL view of a batch, in the paper's order (Table 6 and Appendix B): random resized crop with optional
/// left-right flip, colour jitter, colour dropping (grayscale), Gaussian blur, solarization. "The random parameters are
/// drawn per image, never once per batch": every crop, flip, jitter factor and order, blur sigma and coin is drawn for
/// each image, from the caller's generator only.
/// </summary>
public sealed class ViewAugmenter
{
    private static readonly Scalar ByteMax = 255.ToScalar(); // kept alive for every op that reads it (see Scalars)

    private readonly ViewOptions options;
    private readonly int outputSize;
    private readonly bool bicubic;
    private readonly RandomResizedCrop crop;
    private readonly ColorJitter jitter;
    private readonly Grayscale grayscale;
    private readonly GaussianBlur blur;
    private readonly Solarize solarize;

    public ViewAugmenter(ViewOptions options, int outputSize)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(outputSize, 1);
        var errors = options.Validate("view");
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid view options: " + string.Join("; ", errors), nameof(options));
        }

        this.options = options;
        this.outputSize = outputSize;
        bicubic = options.Interpolation == "bicubic";
        crop = new RandomResizedCrop(options);
        jitter = new ColorJitter(options);
        grayscale = new Grayscale(options);
        blur = new GaussianBlur(options, outputSize);
        solarize = new Solarize(options);
    }

    public ViewOptions Options => options;

    public int OutputSize => outputSize;

    /// <summary>Side of the Gaussian blur kernel at this output size (23 at 224).</summary>
    public int BlurKernelSize => blur.KernelSize;

    /// <summary>
    /// One view of each image. <paramref name="images"/>: uint8 (0-255) or float (0-1) [B, C, H, W], C = 1 or 3, on any
    /// device. Returns float32 [B, C, outputSize, outputSize] in [0, 1] on the same device. All random numbers come from
    /// <paramref name="generator"/>, a CPU generator, so the same seed gives the same views on every device.
    /// </summary>
    public Tensor Apply(Tensor images, Generator generator)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(generator);
        CheckImages(images);
        return Transform(images, images.shape[0] == 0 ? null : Draw(generator, (int)images.shape[0]));
    }

    /// <summary>
    /// The random parameters of one view of <paramref name="batch"/> images, drawn from <paramref name="generator"/>
    /// exactly as <see cref="Apply(Tensor, Generator)"/> draws them, to be applied later, on any thread, by
    /// <see cref="Apply(Tensor, UniformDraws)"/>.
    /// </summary>
    internal static UniformDraws Draw(Generator generator, int batch) => UniformDraws.Draw(generator, batch, TotalColumns);

    /// <summary>The view of <paramref name="images"/> with parameters drawn by <see cref="Draw"/> (null only for an empty batch).</summary>
    internal Tensor Apply(Tensor images, UniformDraws? draws)
    {
        ArgumentNullException.ThrowIfNull(images);
        CheckImages(images);
        return Transform(images, draws);
    }

    private Tensor Transform(Tensor images, UniformDraws? draws)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var (batch, height, width) = ((int)images.shape[0], (int)images.shape[2], (int)images.shape[3]);
        var x = images.dtype == ScalarType.Byte ? images.to_type(ScalarType.Float32).div_(ByteMax) : images.to_type(ScalarType.Float32);
        if (batch == 0)
        {
            return torch.zeros([0, images.shape[1], outputSize, outputSize], dtype: float32, device: images.device).MoveToOuterDisposeScope();
        }

        if (draws is null || draws.Batch != batch || draws.Columns != TotalColumns)
            throw new ArgumentException($"expected draws for {batch} images", nameof(draws));
        var column = 0;
        var boxes = crop.Sample(draws, column, height, width);
        x = RandomResizedCrop.Resample(x, RandomResizedCrop.Theta(boxes, height, width), outputSize, bicubic);
        column += RandomResizedCrop.Columns;
        x = jitter.Apply(x, draws, column);
        column += ColorJitter.Columns;
        x = grayscale.Apply(x, draws, column);
        column += Grayscale.Columns;
        x = blur.Apply(x, draws, column);
        column += GaussianBlur.Columns;
        x = solarize.Apply(x, draws, column);
        return x.clamp(Scalars.Zero, Scalars.One).contiguous().MoveToOuterDisposeScope();
    }

    private static void CheckImages(Tensor images)
    {
        if (images.dim() != 4 || (images.shape[1] != 1 && images.shape[1] != 3) || images.shape[2] < 1 || images.shape[3] < 1)
        {
            throw new ArgumentException($"Expected images [B, C, H, W] with C = 1 or 3, got [{string.Join(", ", images.shape)}].", nameof(images));
        }
    }

    private const int TotalColumns =
        RandomResizedCrop.Columns + ColorJitter.Columns + Grayscale.Columns + GaussianBlur.Columns + Solarize.Columns;
}
