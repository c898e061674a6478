using Byol.Model.Data;
using TorchSharp;

namespace Byol.Model.Tests.Data;

public sealed class ImageSetTests
{
    /// <summary>5 images 2x3x4, image i filled with bytes i*24 + position; labels i % 2.</summary>
    private static ImageSet Small() =>
        ImageSet.FromPixels(Enumerable.Range(0, 5 * 24).Select(i => (byte)i).ToArray(), 5, 2, 3, 4, [0, 1, 0, 1, 0], ["even", "odd"]);

    [Fact]
    public void ToTensor_returns_the_chosen_images_as_uint8_bchw()
    {
        using var batch = Small().ToTensor([4, 1, 1]);
        Assert.Equal(torch.ScalarType.Byte, batch.dtype);
        Assert.Equal([3L, 2, 3, 4], batch.shape);
        var expected = new[] { 4, 1, 1 }.SelectMany(i => Enumerable.Range(i * 24, 24)).Select(v => (byte)v).ToArray();
        Assert.Equal(expected, batch.data<byte>().ToArray());
        Assert.Equal(4 * 24 + 1 * 12 + 2 * 4 + 3, batch[0, 1, 2, 3].item<byte>());
    }

    [Fact]
    public void ToTensor_on_the_real_sample_matches_the_stored_pixels()
    {
        var set = ImageSources.Load(new DataSourceOptions("idx", TestData.FashionSample) { Split = "test" });
        int[] indices = [1999, 0, 1234];
        using var batch = set.ToTensor(indices);
        var values = batch.data<byte>().ToArray();
        for (var b = 0; b < indices.Length; b++)
            Assert.Equal(set.Image(indices[b]).ToArray(), values[(b * 784)..((b + 1) * 784)]);
    }

    [Fact]
    public void LabelTensor_returns_int64_labels()
    {
        using var labels = Small().LabelTensor([3, 0, 2]);
        Assert.Equal(torch.ScalarType.Int64, labels.dtype);
        Assert.Equal([1L, 0, 0], labels.data<long>().ToArray());
    }

    [Fact]
    public void Subset_copies_the_chosen_images_and_labels()
    {
        var subset = Small().Subset([3, 0]);
        Assert.Equal(2, subset.Count);
        Assert.Equal([1, 0], subset.Labels);
        Assert.Equal(Enumerable.Range(72, 24).Select(v => (byte)v), subset.Image(0).ToArray());
        Assert.Equal(["even", "odd"], subset.ClassNames);
    }

    [Fact]
    public void ChannelStatistics_are_exact_per_channel_in_unit_range()
    {
        // One 2-channel 1x2 image: channel 0 = {0, 255}, channel 1 = {51, 51}.
        var set = ImageSet.FromPixels(new byte[] { 0, 255, 51, 51 }, 1, 2, 1, 2);
        var (mean, std) = set.ChannelStatistics();
        Assert.Equal(0.5f, mean[0], 1e-6f);
        Assert.Equal(0.5f, std[0], 1e-6f);
        Assert.Equal(0.2f, mean[1], 1e-6f);
        Assert.Equal(0f, std[1], 1e-6f);
    }

    [Fact]
    public void Indices_out_of_range_are_refused()
    {
        var set = Small();
        Assert.Throws<ArgumentOutOfRangeException>(() => set.ToTensor([5]));
        Assert.Throws<ArgumentOutOfRangeException>(() => set.Subset([-1]));
        Assert.Throws<ArgumentException>(() => ImageSet.FromPixels(new byte[10], 1, 1, 3, 3));
    }
}
