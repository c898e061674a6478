using TorchSharp;
using static TorchSharp.torch;

namespace Byol.Model.Data;

/// <summary>
/// An immutable in-memory image data set: <see cref="Count"/> images of the same shape, stored as contiguous uint8
/// in CHW order (image i at <c>i * C * H * W</c>), with a class label per image (-1 when unlabelled).
/// </summary>
public sealed class ImageSet
{
    private readonly byte[] _pixels;
    private readonly int[] _labels;
    private readonly Lazy<(float[] Mean, float[] Std)> _statistics;

    /// <summary>Takes ownership of <paramref name="pixels"/> and <paramref name="labels"/> (callers inside the reader never touch them again).</summary>
    internal ImageSet(byte[] pixels, int count, int channels, int height, int width, int[] labels,
        IReadOnlyList<string> classNames, string description, int skipped = 0, IReadOnlyList<string>? skippedExamples = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(channels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        if (pixels.LongLength != (long)count * channels * height * width)
            throw new ArgumentException($"{pixels.LongLength} pixel bytes for {count} images of {channels}x{height}x{width}", nameof(pixels));
        if (labels.Length != count)
            throw new ArgumentException($"{labels.Length} labels for {count} images", nameof(labels));
        var labelled = classNames.Count > 0;
        foreach (var label in labels)
            if (labelled ? label < 0 || label >= classNames.Count : label != -1)
                throw new ArgumentException($"label {label} outside the {classNames.Count} classes", nameof(labels));

        _pixels = pixels;
        _labels = labels;
        Count = count;
        Channels = channels;
        Height = height;
        Width = width;
        ClassNames = classNames;
        Description = description;
        Skipped = skipped;
        SkippedExamples = skippedExamples ?? [];
        _statistics = new Lazy<(float[], float[])>(ComputeStatistics);
    }

    /// <summary>Builds a set from caller-owned arrays (copied). Labels null = unlabelled; class names default to "0".."k-1".</summary>
    public static ImageSet FromPixels(ReadOnlySpan<byte> pixels, int count, int channels, int height, int width,
        ReadOnlySpan<int> labels = default, IReadOnlyList<string>? classNames = null, string description = "in-memory images")
    {
        var labelArray = labels.IsEmpty ? Enumerable.Repeat(-1, count).ToArray() : labels.ToArray();
        var names = classNames ?? (labels.IsEmpty ? [] : Enumerable.Range(0, MaxPlusOne(labels)).Select(i => i.ToString()).ToArray());
        return new ImageSet(pixels.ToArray(), count, channels, height, width, labelArray, names, description);
    }

    public int Count { get; }
    public int Channels { get; }
    public int Height { get; }
    public int Width { get; }

    /// <summary>Bytes of one image: C * H * W.</summary>
    public int ImageBytes => Channels * Height * Width;

    /// <summary>Whether every image has a class label.</summary>
    public bool IsLabelled => ClassNames.Count > 0;

    /// <summary>Number of classes; 0 when unlabelled.</summary>
    public int ClassCount => ClassNames.Count;

    /// <summary>Class names in label order (folder names sorted ordinally; "0".."9" for IDX files).</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>All pixels, uint8 CHW, image after image.</summary>
    public ReadOnlyMemory<byte> Pixels => _pixels;

    /// <summary>Label per image; -1 when unlabelled.</summary>
    public IReadOnlyList<int> Labels => _labels;

    /// <summary>Image files that could not be decoded and were left out.</summary>
    public int Skipped { get; }

    /// <summary>The first few skipped files, each "name: reason".</summary>
    public IReadOnlyList<string> SkippedExamples { get; }

    /// <summary>One line saying where the images came from and what they are.</summary>
    public string Description { get; }

    /// <summary>The pixels of image <paramref name="index"/>, CHW.</summary>
    public ReadOnlyMemory<byte> Image(int index)
    {
        CheckIndex(index);
        return _pixels.AsMemory(index * ImageBytes, ImageBytes);
    }

    /// <summary>
    /// The images at <paramref name="indices"/> as a uint8 tensor [B, C, H, W]: one block copy per image straight into
    /// the tensor's memory, then (when a device is named) one transfer.
    /// </summary>
    public Tensor ToTensor(ReadOnlySpan<int> indices, Device? device = null)
    {
        var size = ImageBytes;
        foreach (var index in indices) CheckIndex(index);
        var host = empty([indices.Length, Channels, Height, Width], ScalarType.Byte);
        var destination = host.bytes; // a view of the new tensor's own (contiguous, CPU) memory
        for (var b = 0; b < indices.Length; b++)
            _pixels.AsSpan(indices[b] * size, size).CopyTo(destination.Slice(b * size, size));
        if (device is null || device.type == DeviceType.CPU)
            return host;
        using (host)
            return host.to(device);
    }

    /// <summary>The labels at <paramref name="indices"/> as an int64 tensor [B] (-1 for unlabelled images).</summary>
    public Tensor LabelTensor(ReadOnlySpan<int> indices)
    {
        var labels = new long[indices.Length];
        for (var b = 0; b < indices.Length; b++)
        {
            CheckIndex(indices[b]);
            labels[b] = _labels[indices[b]];
        }
        return tensor(labels, ScalarType.Int64);
    }

    /// <summary>Mean and standard deviation of each channel over all images, in [0, 1] units (pixel / 255).</summary>
    public (float[] mean, float[] std) ChannelStatistics()
    {
        var (mean, std) = _statistics.Value;
        return ((float[])mean.Clone(), (float[])std.Clone());
    }

    /// <summary>A new set with the images at <paramref name="indices"/>, in that order (repeats allowed).</summary>
    public ImageSet Subset(ReadOnlySpan<int> indices)
    {
        var size = ImageBytes;
        var pixels = new byte[(long)indices.Length * size];
        var labels = new int[indices.Length];
        for (var b = 0; b < indices.Length; b++)
        {
            CheckIndex(indices[b]);
            _pixels.AsSpan(indices[b] * size, size).CopyTo(pixels.AsSpan(b * size, size));
            labels[b] = _labels[indices[b]];
        }
        return new ImageSet(pixels, indices.Length, Channels, Height, Width, labels, ClassNames,
            $"{Description} (subset of {indices.Length})", Skipped, SkippedExamples);
    }

    public override string ToString() => Description;

    private void CheckIndex(int index)
    {
        if ((uint)index >= (uint)Count)
            throw new ArgumentOutOfRangeException(nameof(index), $"image index {index} outside [0, {Count})");
    }

    private static int MaxPlusOne(ReadOnlySpan<int> labels)
    {
        var max = -1;
        foreach (var label in labels) max = Math.Max(max, label);
        return max + 1;
    }

    // A histogram per channel is exact and needs one pass of integer increments.
    private (float[] Mean, float[] Std) ComputeStatistics()
    {
        var plane = Height * Width;
        var histograms = new long[Channels, 256];
        for (var i = 0; i < Count; i++)
            for (var c = 0; c < Channels; c++)
                foreach (var v in _pixels.AsSpan(i * ImageBytes + c * plane, plane))
                    histograms[c, v]++;

        var mean = new float[Channels];
        var std = new float[Channels];
        var n = (double)Count * plane;
        for (var c = 0; c < Channels && n > 0; c++)
        {
            double sum = 0, squares = 0;
            for (var v = 0; v < 256; v++)
            {
                var x = v / 255.0;
                sum += histograms[c, v] * x;
                squares += histograms[c, v] * x * x;
            }
            var m = sum / n;
            mean[c] = (float)m;
            std[c] = (float)Math.Sqrt(Math.Max(0, squares / n - m * m));
        }
        return (mean, std);
    }
}
