using Byol.Contracts.Specs;

namespace Byol.Client.Data;

/// <summary>
/// The `--data SOURCE` syntax of `byol embed`: <c>KIND:PATH[:SPLIT]</c>, KIND one of idx, folder, tar, the path
/// as the silo sees it. Examples: <c>idx:/usr/share/datasets/fashion-mnist:test</c>, <c>folder:/data/images</c>,
/// <c>tar:/data/shards:train</c>. A last <c>:SPLIT</c> is a split when it has no path separator in it.
/// </summary>
public static class DataSourceSyntax
{
    public const string Help = "KIND:PATH[:SPLIT], KIND idx|folder|tar, e.g. idx:/usr/share/datasets/fashion-mnist:test or folder:/data/images";

    public static DataSourceSpec Parse(string text, int limit = 0)
    {
        var colon = text.IndexOf(':');
        if (colon <= 0)
            throw new FormatException($"data source '{text}' is not {Help}");
        var kind = text[..colon].Trim().ToLowerInvariant() switch
        {
            "idx" => DataKind.Idx,
            "folder" => DataKind.Folder,
            "tar" => DataKind.Tar,
            var other => throw new FormatException($"data source kind '{other}' is not one of idx, folder, tar"),
        };
        var rest = text[(colon + 1)..];
        string? split = null;
        var last = rest.LastIndexOf(':');
        if (last > 0 && rest[(last + 1)..] is { Length: > 0 } tail && !tail.Contains('/') && !tail.Contains('\\'))
        {
            split = tail;
            rest = rest[..last];
        }
        if (rest.Length == 0)
            throw new FormatException($"data source '{text}' has no path");
        return new DataSourceSpec { Kind = kind, Path = rest, Split = split, Limit = limit };
    }
}
