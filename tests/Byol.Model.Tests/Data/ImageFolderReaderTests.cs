using Byol.Model.Data;
using SkiaSharp;

namespace Byol.Model.Tests.Data;

public sealed class ImageFolderReaderTests
{
    /// <summary>Classes "cat" (2 PNG) and "bird" (1 PNG, 1 JPEG), plus a text file that must be ignored.</summary>
    internal static TempDirectory MakeClassFolder(string under = "")
    {
        var dir = new TempDirectory();
        dir.File(Path.Combine(under, "cat", "a.png"), TestData.Encode(TestData.Pattern(32, 0), 32, SKEncodedImageFormat.Png));
        dir.File(Path.Combine(under, "cat", "b.png"), TestData.Encode(TestData.Pattern(32, 1), 32, SKEncodedImageFormat.Png));
        dir.File(Path.Combine(under, "bird", "c.png"), TestData.Encode(TestData.Pattern(32, 2), 32, SKEncodedImageFormat.Png));
        dir.File(Path.Combine(under, "bird", "d.jpg"), TestData.Encode(TestData.Pattern(32, 3), 32, SKEncodedImageFormat.Jpeg));
        dir.File(Path.Combine(under, "bird", "notes.txt"), "not an image"u8.ToArray());
        return dir;
    }

    [Fact]
    public void Class_subfolders_give_labels_sorted_by_name_and_pixels_survive()
    {
        using var dir = MakeClassFolder();
        var set = ImageSources.Load(new DataSourceOptions("folder", dir.Path));

        Assert.Equal(["bird", "cat"], set.ClassNames);
        Assert.Equal([0, 0, 1, 1], set.Labels);
        Assert.Equal((4, 3, 32, 32), (set.Count, set.Channels, set.Height, set.Width));
        Assert.Equal(0, set.Skipped);
        Assert.Equal(TestData.PatternChw(32, 2), set.Image(0).ToArray());              // bird/c.png: lossless
        Assert.True(TestData.MeanAbsDiff(TestData.PatternChw(32, 3), set.Image(1).Span) < 4); // bird/d.jpg: lossy
        Assert.Equal(TestData.PatternChw(32, 0), set.Image(2).ToArray());              // cat/a.png
        Assert.Equal(TestData.PatternChw(32, 1), set.Image(3).ToArray());              // cat/b.png
    }

    [Fact]
    public void Corrupt_images_are_skipped_and_counted_never_fatal()
    {
        using var dir = MakeClassFolder();
        dir.File(Path.Combine("cat", "broken.jpg"), [0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3, 4, 5]);
        dir.File(Path.Combine("cat", "empty.png"), []);
        var set = ImageSources.Load(new DataSourceOptions("folder", dir.Path));

        Assert.Equal(4, set.Count);
        Assert.Equal(2, set.Skipped);
        Assert.Equal(2, set.SkippedExamples.Count);
        Assert.Contains(set.SkippedExamples, s => s.StartsWith(Path.Combine("cat", "broken.jpg"), StringComparison.Ordinal));
        Assert.Contains(set.SkippedExamples, s => s.StartsWith(Path.Combine("cat", "empty.png"), StringComparison.Ordinal));
        Assert.Contains("2 unreadable skipped", set.Description);
        Assert.Equal([0, 0, 1, 1], set.Labels);
    }

    [Fact]
    public void A_flat_folder_is_unlabelled()
    {
        using var dir = new TempDirectory();
        dir.File("x.png", TestData.Encode(TestData.Pattern(32, 0), 32, SKEncodedImageFormat.Png));
        dir.File("y.jpeg", TestData.Encode(TestData.Pattern(32, 1), 32, SKEncodedImageFormat.Jpeg));
        var set = ImageSources.Load(new DataSourceOptions("folder", dir.Path));

        Assert.Equal(2, set.Count);
        Assert.False(set.IsLabelled);
        Assert.Equal(0, set.ClassCount);
        Assert.Equal([-1, -1], set.Labels);
        Assert.Equal(TestData.PatternChw(32, 0), set.Image(0).ToArray());
    }

    [Fact]
    public void Split_picks_a_subfolder_as_the_root()
    {
        using var dir = MakeClassFolder(under: "train");
        var set = ImageSources.Load(new DataSourceOptions("folder", dir.Path) { Split = "train" });
        Assert.Equal(["bird", "cat"], set.ClassNames);
        Assert.Equal(4, set.Count);
    }

    [Fact]
    public void Images_are_resized_to_image_size_and_converted_to_gray()
    {
        using var dir = new TempDirectory();
        dir.File(Path.Combine("a", "big.png"), TestData.Encode(TestData.Pattern(64, 0), 64, SKEncodedImageFormat.Png));
        var rgb = ImageSources.Load(new DataSourceOptions("folder", dir.Path) { ImageSize = 16 });
        var gray = ImageSources.Load(new DataSourceOptions("folder", dir.Path) { ImageSize = 16, Channels = 1 });

        Assert.Equal((3, 16, 16), (rgb.Channels, rgb.Height, rgb.Width));
        Assert.Equal((1, 16, 16), (gray.Channels, gray.Height, gray.Width));
        var r = rgb.Image(0).Span;
        Assert.True(r[0] < 20 && r[15] > 235, $"red ramp survives the resize: {r[0]}..{r[15]}"); // red grows along x
        var expectedGray = (0.299 * r[8 * 16 + 8] + 0.587 * r[256 + 8 * 16 + 8] + 0.114 * r[512 + 8 * 16 + 8]);
        Assert.InRange(gray.Image(0).Span[8 * 16 + 8], expectedGray - 1, expectedGray + 1);
    }

    [Fact]
    public void A_folder_without_images_is_an_error_naming_it()
    {
        using var dir = new TempDirectory();
        dir.File("readme.txt", "hi"u8.ToArray());
        var e = Assert.Throws<DataSourceException>(() => ImageSources.Load(new DataSourceOptions("folder", dir.Path)));
        Assert.Contains("no images found under", e.Message);
        Assert.Contains(dir.Path, e.Message);
    }

    [Theory]
    [InlineData("folder")]
    [InlineData("tar")]
    [InlineData("idx")]
    public void A_missing_path_is_an_error_naming_it(string kind)
    {
        var path = Path.Combine(Path.GetTempPath(), "byol-no-such-" + Guid.NewGuid().ToString("N"));
        var e = Assert.Throws<DataSourceException>(() => ImageSources.Load(new DataSourceOptions(kind, path) { Split = "train" }));
        Assert.Equal($"data path '{path}' does not exist", e.Message);
    }

    [Fact]
    public void A_missing_split_subfolder_is_an_error_naming_it()
    {
        using var dir = MakeClassFolder();
        var e = Assert.Throws<DataSourceException>(() => ImageSources.Load(new DataSourceOptions("folder", dir.Path) { Split = "val" }));
        Assert.Contains(Path.Combine(dir.Path, "val"), e.Message);
    }

    [Fact]
    public void An_unknown_kind_is_an_error_naming_it()
    {
        var e = Assert.Throws<DataSourceException>(() => ImageSources.Load(new DataSourceOptions("foo", "/tmp")));
        Assert.Equal("unknown data kind 'foo' (expected idx, folder or tar)", e.Message);
    }

    [Fact]
    public void Limit_chooses_a_stratified_subset_before_decoding()
    {
        using var dir = new TempDirectory();
        for (var i = 0; i < 20; i++)
            dir.File(Path.Combine(i < 10 ? "a" : "b", $"{i:00}.png"), TestData.Encode(TestData.Pattern(8, i), 8, SKEncodedImageFormat.Png));
        var set = ImageSources.Load(new DataSourceOptions("folder", dir.Path) { ImageSize = 8, Limit = 6, LimitSeed = 3 });
        Assert.Equal(6, set.Count);
        Assert.Equal([0, 0, 0, 1, 1, 1], set.Labels);
        var again = ImageSources.Load(new DataSourceOptions("folder", dir.Path) { ImageSize = 8, Limit = 6, LimitSeed = 3 });
        Assert.True(set.Pixels.Span.SequenceEqual(again.Pixels.Span));
    }
}
