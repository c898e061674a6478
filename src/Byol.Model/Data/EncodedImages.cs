namespace Byol.Model.Data;

/// <summary>An image file found in a folder or tar shard, not yet decoded: its name, its label (-1 unlabelled) and how to get its bytes.</summary>
internal sealed record EncodedImage(string Name, int Label, Func<byte[]> ReadBytes);

/// <summary>
/// Decodes the image files a folder or tar reader found into an <see cref="ImageSet"/>: applies the stratified
/// <see cref="DataSourceOptions.Limit"/> before decoding (so only chosen files are read), decodes in parallel, and
/// leaves out (and counts) every file that cannot be read or decoded.
/// </summary>
internal static class EncodedImages
{
    /// <summary>How many skipped file names an <see cref="ImageSet"/> keeps as examples.</summary>
    public const int SkippedExampleCount = 5;

    public static ImageSet Decode(IReadOnlyList<EncodedImage> found, IReadOnlyList<string> classNames,
        DataSourceOptions options, string where)
    {
        if (found.Count == 0)
            throw new DataSourceException($"no images found under {where}");

        var chosen = StratifiedSubset.Select(found.Select(f => f.Label).ToArray(), options.Limit, options.LimitSeed);
        var size = options.ImageSize == 0 ? DataSourceOptions.DefaultDecodedSize : options.ImageSize;
        var channels = options.Channels == 0 ? 3 : options.Channels;
        var imageBytes = channels * size * size;
        var pixels = new byte[(long)chosen.Length * imageBytes];
        var failures = new string?[chosen.Length];

        Parallel.For(0, chosen.Length, i =>
        {
            var image = found[chosen[i]];
            try
            {
                failures[i] = ImageDecoder.TryDecode(image.ReadBytes(), size, channels, pixels.AsSpan(i * imageBytes, imageBytes));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
            {
                failures[i] = e.Message;
            }
        });

        // Compact: move each decoded image down over the skipped ones, keeping the order.
        var labels = new List<int>(chosen.Length);
        var skippedExamples = new List<string>();
        var kept = 0;
        for (var i = 0; i < chosen.Length; i++)
        {
            var image = found[chosen[i]];
            if (failures[i] is { } reason)
            {
                if (skippedExamples.Count < SkippedExampleCount) skippedExamples.Add($"{image.Name}: {reason}");
                continue;
            }
            if (kept != i)
                pixels.AsSpan(i * imageBytes, imageBytes).CopyTo(pixels.AsSpan(kept * imageBytes, imageBytes));
            labels.Add(image.Label);
            kept++;
        }
        var skipped = chosen.Length - kept;
        if (kept == 0)
            throw new DataSourceException($"no readable images under {where}: all {chosen.Length} failed to decode, e.g. {skippedExamples[0]}");
        if (kept != chosen.Length)
            Array.Resize(ref pixels, kept * imageBytes);

        var labelled = classNames.Count > 0;
        var description = $"{options.Kind} {where}: {kept} images {channels}x{size}x{size}, "
            + (labelled ? $"{classNames.Count} classes" : "unlabelled")
            + (options.Limit > 0 ? $", limit {options.Limit} (seed {options.LimitSeed})" : "")
            + (skipped > 0 ? $", {skipped} unreadable skipped" : "");
        return new ImageSet(pixels, kept, channels, size, size, labels.ToArray(), classNames, description, skipped, skippedExamples);
    }
}
