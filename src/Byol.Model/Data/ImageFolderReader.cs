namespace Byol.Model.Data;

/// <summary>
/// Reads a folder of image files: with class subfolders (labelled; classes sorted by name, files found at any depth
/// below each class folder), or flat (unlabelled, the image files directly in the folder). Files are taken in ordinal
/// name order; files that are not images (by extension) are ignored.
/// </summary>
internal static class ImageFolderReader
{
    public static ImageSet Load(DataSourceOptions options)
    {
        ImageSources.RequireExists(options.Path);
        if (!Directory.Exists(options.Path))
            throw new DataSourceException($"folder data path '{options.Path}' is a file, not a directory");
        var root = string.IsNullOrEmpty(options.Split) ? options.Path : Path.Combine(options.Path, options.Split);
        ImageSources.RequireExists(root);

        var classDirs = Directory.GetDirectories(root)
            .Where(d => Directory.EnumerateFiles(d, "*", SearchOption.AllDirectories).Any(ImageDecoder.IsImageName))
            .OrderBy(d => Path.GetFileName(d), StringComparer.Ordinal)
            .ToArray();

        var found = new List<EncodedImage>();
        string[] classNames;
        if (classDirs.Length > 0)
        {
            classNames = classDirs.Select(d => Path.GetFileName(d)).ToArray();
            for (var label = 0; label < classDirs.Length; label++)
                AddImages(found, root, Directory.EnumerateFiles(classDirs[label], "*", SearchOption.AllDirectories), label);
        }
        else
        {
            classNames = [];
            AddImages(found, root, Directory.EnumerateFiles(root), -1);
        }
        return EncodedImages.Decode(found, classNames, options, $"'{root}'");
    }

    private static void AddImages(List<EncodedImage> found, string root, IEnumerable<string> files, int label)
    {
        foreach (var file in files.Where(ImageDecoder.IsImageName).OrderBy(f => f, StringComparer.Ordinal))
            found.Add(new EncodedImage(Path.GetRelativePath(root, file), label, () => File.ReadAllBytes(file)));
    }
}
