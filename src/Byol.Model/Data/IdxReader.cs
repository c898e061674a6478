using System.Buffers.Binary;
using System.IO.Compression;

namespace Byol.Model.Data;

/// <summary>
/// Reads MNIST-style IDX files (MNIST, Fashion-MNIST), gzipped or not: a directory plus a split
/// (<c>train-images-idx3-ubyte[.gz]</c> and <c>train-labels-idx1-ubyte[.gz]</c>, or <c>t10k-…</c> for test), or a direct
/// path to an images file (its labels file, same name with <c>labels-idx1</c>, is used when present; without it the
/// set is unlabelled). Magic numbers, dimensions and sizes are checked; a garbled file is an error naming it.
/// Classes are named "0".."k-1" (k = largest label + 1).
/// </summary>
internal static class IdxReader
{
    private const int ImagesMagic = 0x00000803; // unsigned byte, 3 dimensions
    private const int LabelsMagic = 0x00000801; // unsigned byte, 1 dimension

    public static ImageSet Load(DataSourceOptions options)
    {
        ImageSources.RequireExists(options.Path);
        var (imagesFile, labelsFile) = Directory.Exists(options.Path)
            ? FilesOfSplit(options.Path, options.Split)
            : (options.Path, FindLabelsFor(options.Path));

        var (pixels, count, rows, cols) = ReadImages(imagesFile);
        var labels = labelsFile is null ? Enumerable.Repeat(-1, count).ToArray() : ReadLabels(labelsFile, count);
        var classCount = labels.Length == 0 ? 0 : labels.Max() + 1;
        var classNames = Enumerable.Range(0, classCount).Select(i => i.ToString()).ToArray();

        var chosen = StratifiedSubset.Select(labels, options.Limit, options.LimitSeed);
        var size = options.ImageSize == 0 ? rows : options.ImageSize;
        if (options.ImageSize == 0 && rows != cols)
            throw new DataSourceException($"IDX file '{imagesFile}' holds {rows}x{cols} images: set an image size to make them square");
        var channels = options.Channels == 0 ? 1 : options.Channels;
        var output = Convert(pixels, chosen, rows, cols, size, channels);

        var description = $"idx '{imagesFile}': {chosen.Length} images {channels}x{size}x{size}, "
            + (classCount > 0 ? $"{classCount} classes" : "unlabelled")
            + (options.Limit > 0 ? $", limit {options.Limit} (seed {options.LimitSeed})" : "");
        return new ImageSet(output, chosen.Length, channels, size, size, chosen.Select(i => labels[i]).ToArray(), classNames, description);
    }

    private static (string Images, string Labels) FilesOfSplit(string directory, string? split)
    {
        var prefix = split?.Trim().ToLowerInvariant() switch
        {
            "train" => "train",
            "test" or "t10k" => "t10k",
            null or "" => throw new DataSourceException($"idx data path '{directory}' is a directory: set split to train or test"),
            _ => throw new DataSourceException($"idx data path '{directory}': unknown split '{split}' (expected train or test)"),
        };
        var images = FindFile(directory, $"{prefix}-images-idx3-ubyte", $"{prefix}-images.idx3-ubyte");
        var labels = FindFile(directory, $"{prefix}-labels-idx1-ubyte", $"{prefix}-labels.idx1-ubyte");
        return (images ?? throw new DataSourceException($"no images found under '{directory}': no {prefix}-images-idx3-ubyte[.gz]"),
            labels ?? throw new DataSourceException($"no labels found under '{directory}': no {prefix}-labels-idx1-ubyte[.gz]"));
    }

    private static string? FindFile(string directory, params string[] names) =>
        names.SelectMany(n => new[] { n + ".gz", n }).Select(n => Path.Combine(directory, n)).FirstOrDefault(File.Exists);

    private static string? FindLabelsFor(string imagesFile)
    {
        var name = Path.GetFileName(imagesFile);
        foreach (var (from, to) in new[] { ("images-idx3", "labels-idx1"), ("images.idx3", "labels.idx1") })
            if (name.Contains(from, StringComparison.Ordinal))
            {
                var candidate = Path.Combine(Path.GetDirectoryName(imagesFile) ?? "", name.Replace(from, to, StringComparison.Ordinal));
                if (File.Exists(candidate)) return candidate;
            }
        return null;
    }

    private static (byte[] Pixels, int Count, int Rows, int Cols) ReadImages(string file)
    {
        var data = ReadAll(file);
        var header = Header(file, data, ImagesMagic, 3);
        var (count, rows, cols) = (header[0], header[1], header[2]);
        if (rows <= 0 || cols <= 0)
            throw new DataSourceException($"IDX file '{file}' has images of {rows}x{cols} pixels");
        CheckLength(file, data, 16, (long)count * rows * cols);
        return (data[16..], count, rows, cols);
    }

    private static int[] ReadLabels(string file, int imageCount)
    {
        var data = ReadAll(file);
        var count = Header(file, data, LabelsMagic, 1)[0];
        if (count != imageCount)
            throw new DataSourceException($"IDX labels file '{file}' has {count} labels for {imageCount} images");
        CheckLength(file, data, 8, count);
        return data.AsSpan(8).ToArray().Select(b => (int)b).ToArray();
    }

    private static byte[] ReadAll(string file)
    {
        try
        {
            var raw = File.ReadAllBytes(file);
            if (raw.Length < 2 || raw[0] != 0x1f || raw[1] != 0x8b)
                return raw;
            using var gzip = new GZipStream(new MemoryStream(raw), CompressionMode.Decompress);
            using var decompressed = new MemoryStream();
            gzip.CopyTo(decompressed);
            return decompressed.ToArray();
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            throw new DataSourceException($"IDX file '{file}' is unreadable: {e.Message}", e);
        }
    }

    /// <summary>Checks the magic number (type ubyte, <paramref name="dimensions"/> dims) and returns the dimension sizes.</summary>
    private static int[] Header(string file, byte[] data, int magic, int dimensions)
    {
        var headerBytes = 4 + 4 * dimensions;
        if (data.Length < headerBytes)
            throw new DataSourceException($"IDX file '{file}' is truncated: {data.Length} bytes, shorter than its {headerBytes}-byte header");
        var found = BinaryPrimitives.ReadInt32BigEndian(data);
        if (found != magic)
            throw new DataSourceException($"IDX file '{file}' has magic number 0x{found:x8}, expected 0x{magic:x8}");
        var sizes = new int[dimensions];
        for (var d = 0; d < dimensions; d++)
        {
            sizes[d] = BinaryPrimitives.ReadInt32BigEndian(data.AsSpan(4 + 4 * d));
            if (sizes[d] < 0)
                throw new DataSourceException($"IDX file '{file}' has a negative size {sizes[d]} in dimension {d}");
        }
        return sizes;
    }

    private static void CheckLength(string file, byte[] data, int headerBytes, long payload)
    {
        if (data.Length - headerBytes != payload)
            throw new DataSourceException(
                $"IDX file '{file}' is {(data.Length - headerBytes < payload ? "truncated" : "too long")}: its header promises {payload} data bytes, it has {data.Length - headerBytes}");
    }

    /// <summary>The chosen images, resized and with the requested channels, as contiguous CHW bytes.</summary>
    private static byte[] Convert(byte[] pixels, int[] chosen, int rows, int cols, int size, int channels)
    {
        var sourceBytes = rows * cols;
        var plane = size * size;
        var output = new byte[(long)chosen.Length * channels * plane];
        Parallel.For(0, chosen.Length, i =>
        {
            var source = pixels.AsSpan(chosen[i] * sourceBytes, sourceBytes);
            var first = output.AsSpan(i * channels * plane, plane);
            if (size == rows && size == cols) source.CopyTo(first);
            else ImageDecoder.ResizeGray(source, rows, cols, size, first);
            for (var c = 1; c < channels; c++)
                first.CopyTo(output.AsSpan((i * channels + c) * plane, plane));
        });
        return output;
    }
}
