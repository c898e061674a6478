using Byol.Client.Data;
using Byol.Contracts.Specs;

namespace Byol.Client.Tests;

public sealed class DataSourceSyntaxTests
{
    [Theory]
    [InlineData("idx:/usr/share/datasets/fashion-mnist:test", DataKind.Idx, "/usr/share/datasets/fashion-mnist", "test")]
    [InlineData("folder:/data/images", DataKind.Folder, "/data/images", null)]
    [InlineData("tar:/data/shards:train", DataKind.Tar, "/data/shards", "train")]
    [InlineData("IDX:relative/dir:train", DataKind.Idx, "relative/dir", "train")]
    [InlineData("folder:C:/data", DataKind.Folder, "C:/data", null)]
    public void Parses_kind_path_and_split(string text, DataKind kind, string path, string? split)
    {
        var source = DataSourceSyntax.Parse(text, limit: 5);
        Assert.Equal(kind, source.Kind);
        Assert.Equal(path, source.Path);
        Assert.Equal(split, source.Split);
        Assert.Equal(5, source.Limit);
    }

    [Theory]
    [InlineData("/just/a/path")]
    [InlineData("zip:/data")]
    [InlineData("idx:")]
    public void Rejects_what_is_not_kind_colon_path(string text) =>
        Assert.Throws<FormatException>(() => DataSourceSyntax.Parse(text));
}
