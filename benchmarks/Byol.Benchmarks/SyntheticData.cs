using Byol.Model.Data;

namespace Byol.Benchmarks;

/// <summary>A labelled in-memory set of uniformly random uint8 RGB images: the step's cost does not depend on content.</summary>
internal static class SyntheticData
{
    public static ImageSet RandomImages(int batch, int imageSize, long seed)
    {
        var count = Math.Max(4 * batch, 1024);
        var random = new Random(unchecked((int)seed));
        var pixels = new byte[(long)count * 3 * imageSize * imageSize];
        random.NextBytes(pixels);
        var labels = Enumerable.Range(0, count).Select(i => i % 10).ToArray();
        return ImageSet.FromPixels(pixels, count, 3, imageSize, imageSize, labels, description: "random uint8 images");
    }
}
