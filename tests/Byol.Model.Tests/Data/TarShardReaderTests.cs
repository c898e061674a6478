using System.Diagnostics;
using System.Formats.Tar;
using Byol.Model.Data;
using SkiaSharp;
using Xunit.Abstractions;

namespace Byol.Model.Tests.Data;

public sealed class TarShardReaderTests(ITestOutputHelper output)
{
    private static readonly string[] CifarClasses =
        ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"];

    /// <summary>Writes the files under <paramref name="root"/> into <paramref name="tars"/> shards, entry names prefixed by <paramref name="prefix"/>.</summary>
    private static void WriteShards(string root, string prefix, params string[] tars)
    {
        var files = Directory.GetFiles(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray();
        for (var s = 0; s < tars.Length; s++)
        {
            using var stream = File.Create(tars[s]);
            using var writer = new TarWriter(stream, TarEntryFormat.Pax);
            for (var i = s; i < files.Length; i += tars.Length)
                writer.WriteEntry(files[i], prefix + Path.GetRelativePath(root, files[i]).Replace('\\', '/'));
        }
    }

    [Fact]
    public void A_tar_of_a_folder_loads_the_same_as_the_folder()
    {
        using var folder = ImageFolderReaderTests.MakeClassFolder();
        using var tars = new TempDirectory();
        var tar = Path.Combine(tars.Path, "train.tar");
        WriteShards(folder.Path, "train/", tar);

        var fromFolder = ImageSources.Load(new DataSourceOptions("folder", folder.Path));
        var fromTar = ImageSources.Load(new DataSourceOptions("tar", tar) { Split = "train" });
        AssertSame(fromFolder, fromTar);
    }

    [Fact]
    public void A_directory_of_shards_loads_the_same_as_the_folder()
    {
        using var folder = ImageFolderReaderTests.MakeClassFolder();
        using var tars = new TempDirectory();
        WriteShards(folder.Path, "", Path.Combine(tars.Path, "shard-0.tar"), Path.Combine(tars.Path, "shard-1.tar"));
        tars.File("readme.md", "not a shard"u8.ToArray());

        AssertSame(ImageSources.Load(new DataSourceOptions("folder", folder.Path)), ImageSources.Load(new DataSourceOptions("tar", tars.Path)));
    }

    [Fact]
    public void A_flat_tar_is_unlabelled_and_corrupt_entries_are_counted()
    {
        using var folder = new TempDirectory();
        folder.File("x.png", TestData.Encode(TestData.Pattern(32, 0), 32, SKEncodedImageFormat.Png));
        folder.File("y.jpg", [1, 2, 3]);
        using var tars = new TempDirectory();
        var tar = Path.Combine(tars.Path, "flat.tar");
        WriteShards(folder.Path, "./", tar);

        var set = ImageSources.Load(new DataSourceOptions("tar", tar));
        Assert.False(set.IsLabelled);
        Assert.Equal(1, set.Count);
        Assert.Equal(1, set.Skipped);
        Assert.StartsWith("y.jpg: ", set.SkippedExamples[0]);
        Assert.Equal(TestData.PatternChw(32, 0), set.Image(0).ToArray());
    }

    [Fact]
    public void A_split_absent_from_the_tar_is_an_error_naming_it()
    {
        using var folder = ImageFolderReaderTests.MakeClassFolder();
        using var tars = new TempDirectory();
        var tar = Path.Combine(tars.Path, "x.tar");
        WriteShards(folder.Path, "train/", tar);
        var e = Assert.Throws<DataSourceException>(() => ImageSources.Load(new DataSourceOptions("tar", tar) { Split = "test" }));
        Assert.Contains("no images found under 'test/'", e.Message);
        Assert.Contains(tar, e.Message);
    }

    [Fact]
    public void A_garbled_tar_is_an_error_naming_the_shard()
    {
        using var tars = new TempDirectory();
        var tar = tars.File("bad.tar", Enumerable.Range(0, 2048).Select(i => (byte)(i * 7 + 1)).ToArray());
        var e = Assert.Throws<DataSourceException>(() => ImageSources.Load(new DataSourceOptions("tar", tar)));
        Assert.Contains(tar, e.Message);
    }

    [Fact]
    public void Cifar10_test_tar_loads_10000_images_of_10_classes()
    {
        Assert.True(File.Exists(TestData.CifarTestTar), $"{TestData.CifarTestTar} missing (see ../shared/data/cifar10/README.md)");
        var clock = Stopwatch.StartNew();
        var set = ImageSources.Load(new DataSourceOptions("tar", TestData.CifarTestTar) { Split = "test" });
        clock.Stop();
        output.WriteLine($"CIFAR-10 test.tar: {set.Count} images in {clock.Elapsed.TotalSeconds:F2} s ({set.Description})");

        Assert.Equal(10_000, set.Count);
        Assert.Equal((3, 32, 32), (set.Channels, set.Height, set.Width));
        Assert.Equal(CifarClasses, set.ClassNames);
        Assert.All(set.Labels.GroupBy(l => l), g => Assert.Equal(1000, g.Count()));
        Assert.Equal(0, set.Skipped);
        var (mean, std) = set.ChannelStatistics();
        Assert.All(mean, m => Assert.InRange(m, 0.40f, 0.52f)); // CIFAR-10: about 0.49, 0.48, 0.45
        Assert.All(std, s => Assert.InRange(s, 0.20f, 0.28f));  // about 0.25, 0.24, 0.26
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"loading took {clock.Elapsed}");
    }

    private static void AssertSame(ImageSet expected, ImageSet actual)
    {
        Assert.Equal(expected.ClassNames, actual.ClassNames);
        Assert.Equal(expected.Labels, actual.Labels);
        Assert.Equal((expected.Count, expected.Channels, expected.Height, expected.Width), (actual.Count, actual.Channels, actual.Height, actual.Width));
        Assert.True(expected.Pixels.Span.SequenceEqual(actual.Pixels.Span));
    }
}
