namespace Byol.Model.Data;

/// <summary>
/// Where a data set lies and how to bring it into memory: the spec's <c>data.train</c> / <c>data.eval</c> block.
/// </summary>
/// <param name="Kind"><c>idx</c> (MNIST/Fashion-MNIST IDX files), <c>folder</c> (image files) or <c>tar</c> (tar shards of such a folder).</param>
/// <param name="Path">A directory, or one file (an IDX images file, a .tar shard).</param>
public sealed record DataSourceOptions(string Kind, string Path)
{
    /// <summary>
    /// idx: <c>train</c> or <c>test</c> (file prefixes <c>train-</c> / <c>t10k-</c>), required when Path is a directory.
    /// folder/tar: optional subfolder used as the root, e.g. <c>train</c> for entries <c>train/cat/0001.jpg</c>.
    /// </summary>
    public string? Split { get; init; }

    /// <summary>Side of the square images in memory; 0 = as stored for idx (28), 32 for folder/tar. Resizing is bilinear.</summary>
    public int ImageSize { get; init; }

    /// <summary>0 = as stored (idx 1, folder/tar 3); 1 forces gray, 3 forces RGB.</summary>
    public int Channels { get; init; }

    /// <summary>0 = every image; otherwise a class-stratified subset of this many images, chosen with <see cref="LimitSeed"/>.</summary>
    public int Limit { get; init; }

    /// <summary>Seed of the <see cref="Limit"/> subset; the same seed gives the same subset on every machine.</summary>
    public int LimitSeed { get; init; }

    /// <summary>Default image side of folder and tar sources when <see cref="ImageSize"/> is 0.</summary>
    public const int DefaultDecodedSize = 32;

    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(Path))
            throw new DataSourceException($"{Kind} data source has an empty path");
        if (ImageSize < 0)
            throw new DataSourceException($"data source '{Path}': image size {ImageSize} is negative");
        if (Channels is not (0 or 1 or 3))
            throw new DataSourceException($"data source '{Path}': channels {Channels} (expected 0, 1 or 3)");
        if (Limit < 0)
            throw new DataSourceException($"data source '{Path}': limit {Limit} is negative");
    }
}
