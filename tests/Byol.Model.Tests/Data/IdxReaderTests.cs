using System.IO.Compression;
using Byol.Model.Data;

namespace Byol.Model.Tests.Data;

public sealed class IdxReaderTests
{
    private static ImageSet LoadSample(string split, int limit = 0) =>
        ImageSources.Load(new DataSourceOptions("idx", TestData.FashionSample) { Split = split, Limit = limit, LimitSeed = 7 });

    [Fact]
    public void Shipped_sample_train_has_6000_images_600_per_class_28x28_gray()
    {
        var set = LoadSample("train");
        Assert.Equal(6000, set.Count);
        Assert.Equal((1, 28, 28), (set.Channels, set.Height, set.Width));
        Assert.True(set.IsLabelled);
        Assert.Equal(10, set.ClassCount);
        Assert.All(set.Labels.GroupBy(l => l), g => Assert.Equal(600, g.Count()));
        Assert.Equal(6000 * 28 * 28, set.Pixels.Length);
        Assert.Equal(0, set.Skipped);
    }

    [Fact]
    public void Shipped_sample_test_has_2000_images_200_per_class()
    {
        var set = LoadSample("test");
        Assert.Equal(2000, set.Count);
        Assert.Equal(10, set.ClassCount);
        Assert.All(set.Labels.GroupBy(l => l), g => Assert.Equal(200, g.Count()));
    }

    [Fact]
    public void Shipped_sample_starts_with_the_original_files_first_image_and_label()
    {
        var set = LoadSample("train");
        Assert.Equal(9, set.Labels[0]); // Fashion-MNIST's first training image is an ankle boot
        var originalImages = Path.Combine(TestData.DebianFashionMnist, "train-images-idx3-ubyte.gz");
        var originalLabels = Path.Combine(TestData.DebianFashionMnist, "train-labels-idx1-ubyte.gz");
        Assert.True(File.Exists(originalLabels), $"{originalLabels} missing: install the Debian package dataset-fashion-mnist");
        Assert.Equal(Gunzip(originalLabels)[8], set.Labels[0]);
        Assert.Equal(Gunzip(originalImages).AsSpan(16, 784).ToArray(), set.Image(0).ToArray());
    }

    [Fact]
    public void Gzipped_and_plain_files_give_the_same_pixels_and_labels()
    {
        using var dir = new TempDirectory();
        foreach (var name in new[] { "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte" })
            dir.File(name, Gunzip(Path.Combine(TestData.FashionSample, name + ".gz")));
        var gz = LoadSample("test");
        var plain = ImageSources.Load(new DataSourceOptions("idx", dir.Path) { Split = "test" });
        Assert.True(gz.Pixels.Span.SequenceEqual(plain.Pixels.Span));
        Assert.Equal(gz.Labels, plain.Labels);
    }

    [Fact]
    public void A_direct_path_to_an_images_file_finds_its_labels()
    {
        var set = ImageSources.Load(new DataSourceOptions("idx", Path.Combine(TestData.FashionSample, "t10k-images-idx3-ubyte.gz")));
        Assert.Equal(2000, set.Count);
        Assert.Equal(LoadSample("test").Labels, set.Labels);
    }

    [Fact]
    public void An_images_file_without_labels_is_unlabelled()
    {
        using var dir = new TempDirectory();
        var images = dir.File("x-images-idx3-ubyte", Gunzip(Path.Combine(TestData.FashionSample, "t10k-images-idx3-ubyte.gz")));
        var set = ImageSources.Load(new DataSourceOptions("idx", images));
        Assert.False(set.IsLabelled);
        Assert.Equal(0, set.ClassCount);
        Assert.All(set.Labels, l => Assert.Equal(-1, l));
    }

    [Fact]
    public void A_wrong_magic_number_is_an_error_naming_the_file()
    {
        using var dir = new TempDirectory();
        var bytes = Gunzip(Path.Combine(TestData.FashionSample, "t10k-images-idx3-ubyte.gz"));
        bytes[3] = 0x01;
        var images = dir.File("t10k-images-idx3-ubyte", bytes);
        dir.File("t10k-labels-idx1-ubyte", Gunzip(Path.Combine(TestData.FashionSample, "t10k-labels-idx1-ubyte.gz")));
        var e = Assert.Throws<DataSourceException>(() => ImageSources.Load(new DataSourceOptions("idx", dir.Path) { Split = "test" }));
        Assert.Contains(images, e.Message);
        Assert.Contains("magic", e.Message);
    }

    [Fact]
    public void A_truncated_file_is_an_error_naming_the_file()
    {
        using var dir = new TempDirectory();
        var bytes = Gunzip(Path.Combine(TestData.FashionSample, "t10k-images-idx3-ubyte.gz"));
        var images = dir.File("t10k-images-idx3-ubyte", bytes[..(bytes.Length - 100)]);
        dir.File("t10k-labels-idx1-ubyte", Gunzip(Path.Combine(TestData.FashionSample, "t10k-labels-idx1-ubyte.gz")));
        var e = Assert.Throws<DataSourceException>(() => ImageSources.Load(new DataSourceOptions("idx", dir.Path) { Split = "test" }));
        Assert.Contains(images, e.Message);
        Assert.Contains("truncated", e.Message);
    }

    [Fact]
    public void A_garbled_gzip_stream_is_an_error_naming_the_file()
    {
        using var dir = new TempDirectory();
        var bytes = File.ReadAllBytes(Path.Combine(TestData.FashionSample, "t10k-images-idx3-ubyte.gz"));
        var images = dir.File("t10k-images-idx3-ubyte.gz", bytes[..(bytes.Length / 2)]);
        var e = Assert.Throws<DataSourceException>(() => ImageSources.Load(new DataSourceOptions("idx", images)));
        Assert.Contains(images, e.Message);
    }

    [Fact]
    public void Labels_that_disagree_with_the_image_count_are_an_error_naming_the_labels_file()
    {
        using var dir = new TempDirectory();
        dir.File("t10k-images-idx3-ubyte", Gunzip(Path.Combine(TestData.FashionSample, "t10k-images-idx3-ubyte.gz")));
        var labels = dir.File("t10k-labels-idx1-ubyte", Gunzip(Path.Combine(TestData.FashionSample, "train-labels-idx1-ubyte.gz")));
        var e = Assert.Throws<DataSourceException>(() => ImageSources.Load(new DataSourceOptions("idx", dir.Path) { Split = "test" }));
        Assert.Contains(labels, e.Message);
    }

    [Fact]
    public void A_directory_without_split_or_files_is_an_error_naming_it()
    {
        using var dir = new TempDirectory();
        Assert.Contains(dir.Path, Assert.Throws<DataSourceException>(() => ImageSources.Load(new DataSourceOptions("idx", dir.Path))).Message);
        Assert.Contains(dir.Path, Assert.Throws<DataSourceException>(() => ImageSources.Load(new DataSourceOptions("idx", dir.Path) { Split = "train" })).Message);
    }

    [Fact]
    public void Image_size_and_channels_resize_and_replicate_gray()
    {
        var set = ImageSources.Load(new DataSourceOptions("idx", TestData.FashionSample) { Split = "test", ImageSize = 32, Channels = 3, Limit = 50 });
        Assert.Equal((50, 3, 32, 32), (set.Count, set.Channels, set.Height, set.Width));
        var image = set.Image(0).Span;
        Assert.True(image[..1024].SequenceEqual(image[1024..2048]));
        Assert.True(image[..1024].SequenceEqual(image[2048..]));
        Assert.Contains(image.ToArray(), v => v > 0);
    }

    [Fact]
    public void Limit_keeps_a_stratified_seeded_subset_in_file_order()
    {
        var full = LoadSample("train");
        var a = LoadSample("train", limit: 1000);
        var b = LoadSample("train", limit: 1000);
        Assert.Equal(1000, a.Count);
        Assert.All(a.Labels.GroupBy(l => l), g => Assert.Equal(100, g.Count()));
        Assert.True(a.Pixels.Span.SequenceEqual(b.Pixels.Span));
        var chosen = StratifiedSubset.Select(full.Labels, 1000, 7);
        Assert.True(full.Subset(chosen).Pixels.Span.SequenceEqual(a.Pixels.Span));
    }

    private static byte[] Gunzip(string path)
    {
        using var gzip = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var output = new MemoryStream();
        gzip.CopyTo(output);
        return output.ToArray();
    }
}
