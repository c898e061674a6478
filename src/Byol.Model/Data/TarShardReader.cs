using System.Formats.Tar;
using System.IO.Compression;

namespace Byol.Model.Data;

/// <summary>
/// Reads tar shards of an image folder without extracting them: one .tar (or .tar.gz / .tgz) file, or every such
/// file in a directory, streamed in name order with <see cref="TarReader"/>. Entry paths play the folder's part:
/// with <see cref="DataSourceOptions.Split"/> "test" the root is <c>test/</c>; below the root, <c>class/…/file.jpg</c>
/// is labelled by its first component, and a tar whose images lie directly in the root is unlabelled.
/// </summary>
internal static class TarShardReader
{
    private static readonly string[] ShardSuffixes = [".tar", ".tar.gz", ".tgz"];

    public static ImageSet Load(DataSourceOptions options)
    {
        ImageSources.RequireExists(options.Path);
        var shards = Directory.Exists(options.Path)
            ? Directory.EnumerateFiles(options.Path).Where(IsShard).OrderBy(f => f, StringComparer.Ordinal).ToArray()
            : [options.Path];
        if (shards.Length == 0)
            throw new DataSourceException($"no tar shards (.tar, .tar.gz, .tgz) found under '{options.Path}'");

        var prefix = string.IsNullOrEmpty(options.Split) ? "" : options.Split.Trim('/') + "/";
        var entries = new List<(string Class, string Name, byte[] Bytes)>();
        foreach (var shard in shards)
            ReadShard(shard, prefix, entries);

        var where = prefix.Length == 0 ? $"'{options.Path}'" : $"'{prefix}' in '{options.Path}'";
        var labelled = entries.Any(e => e.Class.Length > 0);
        var classNames = labelled
            ? entries.Where(e => e.Class.Length > 0).Select(e => e.Class).Distinct().Order(StringComparer.Ordinal).ToArray()
            : [];
        var labelOf = classNames.Select((name, label) => (name, label)).ToDictionary(p => p.name, p => p.label, StringComparer.Ordinal);

        var found = entries
            .Where(e => e.Class.Length > 0 == labelled)
            .Select(e => (Label: labelled ? labelOf[e.Class] : -1, e.Name, e.Bytes))
            .OrderBy(e => e.Label).ThenBy(e => e.Name, StringComparer.Ordinal)
            .Select(e => new EncodedImage(e.Name, e.Label, () => e.Bytes))
            .ToArray();
        return EncodedImages.Decode(found, classNames, options, where);
    }

    private static bool IsShard(string file) => ShardSuffixes.Any(s => file.EndsWith(s, StringComparison.OrdinalIgnoreCase));

    private static void ReadShard(string shard, string prefix, List<(string Class, string Name, byte[] Bytes)> entries)
    {
        try
        {
            using var file = File.OpenRead(shard);
            using Stream stream = shard.EndsWith(".tar", StringComparison.OrdinalIgnoreCase)
                ? file
                : new GZipStream(file, CompressionMode.Decompress);
            using var reader = new TarReader(stream);
            while (reader.GetNextEntry() is { } entry)
            {
                if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile) || entry.DataStream is null)
                    continue;
                var name = entry.Name.Replace('\\', '/');
                while (name.StartsWith("./", StringComparison.Ordinal)) name = name[2..];
                if (!name.StartsWith(prefix, StringComparison.Ordinal) || !ImageDecoder.IsImageName(name))
                    continue;
                var relative = name[prefix.Length..];
                var slash = relative.IndexOf('/');
                var bytes = new byte[entry.Length];
                entry.DataStream.ReadExactly(bytes);
                entries.Add((slash < 0 ? "" : relative[..slash], relative, bytes));
            }
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or FormatException or IOException)
        {
            throw new DataSourceException($"tar shard '{shard}' is unreadable: {e.Message}", e);
        }
    }
}
