namespace Byol.Model.Data;

/// <summary>Loads any data source named in a spec into an in-memory <see cref="ImageSet"/>.</summary>
public static class ImageSources
{
    /// <summary>The data kinds <see cref="Load"/> understands.</summary>
    public static IReadOnlyList<string> Kinds { get; } = ["idx", "folder", "tar"];

    /// <summary>Reads the source where it lies, dispatching on <see cref="DataSourceOptions.Kind"/> (case-insensitive).</summary>
    /// <exception cref="DataSourceException">Unknown kind, missing path, garbled file, or no image found.</exception>
    public static ImageSet Load(DataSourceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var kind = (options.Kind ?? "").Trim().ToLowerInvariant();
        if (kind is not ("idx" or "folder" or "tar"))
            throw new DataSourceException($"unknown data kind '{options.Kind}' (expected idx, folder or tar)");
        options.Validate();
        return kind switch
        {
            "idx" => IdxReader.Load(options),
            "folder" => ImageFolderReader.Load(options),
            _ => TarShardReader.Load(options),
        };
    }

    internal static void RequireExists(string path)
    {
        if (!File.Exists(path) && !Directory.Exists(path))
            throw new DataSourceException($"data path '{path}' does not exist");
    }
}
