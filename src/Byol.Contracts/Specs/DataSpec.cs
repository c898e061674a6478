namespace Byol.Contracts.Specs;

/// <summary>
/// Where images come from: <c>{ kind: idx|folder|tar, path, split?, image_size, channels, limit }</c>. Zero for
/// image_size, channels and limit means "as stored" / "all".
/// </summary>
[GenerateSerializer, Alias("byol.data_source"), Immutable]
public sealed record DataSourceSpec
{
    [Id(0)] public DataKind Kind { get; init; } = DataKind.Folder;
    [Id(1)] public string Path { get; init; } = "";
    [Id(2)] public string? Split { get; init; }
    [Id(3)] public int ImageSize { get; init; }
    [Id(4)] public int Channels { get; init; }
    [Id(5)] public int Limit { get; init; }
}

/// <summary>The unlabelled pretraining source, the labelled eval split, and optionally a separate probe train split.</summary>
[GenerateSerializer, Alias("byol.data"), Immutable]
public sealed record DataSpec
{
    [Id(0)] public DataSourceSpec Train { get; init; } = new();
    [Id(1)] public DataSourceSpec Eval { get; init; } = new();
    [Id(2)] public DataSourceSpec? Probe { get; init; }
}
