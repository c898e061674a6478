using SkiaSharp;

namespace Byol.Model.Tests.Data;

/// <summary>Paths to the data the tests read, and small helpers to make image files.</summary>
internal static class TestData
{
    /// <summary>The directory holding Byol.sln, found by walking up from the test binaries.</summary>
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string FashionSample => Path.Combine(RepoRoot, "samples", "fashion-mnist-small");

    public static string CifarTestTar => Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "data", "cifar10", "test.tar"));

    public const string DebianFashionMnist = "/usr/share/datasets/fashion-mnist";

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Byol.sln")))
                return dir.FullName;
        throw new InvalidOperationException($"no Byol.sln above {AppContext.BaseDirectory}");
    }

    /// <summary>A smooth RGB test pattern (JPEG-friendly) that differs per <paramref name="variant"/>, as interleaved RGB bytes.</summary>
    public static byte[] Pattern(int size, int variant)
    {
        var rgb = new byte[size * size * 3];
        for (var y = 0; y < size; y++)
            for (var x = 0; x < size; x++)
            {
                var p = 3 * (y * size + x);
                rgb[p] = (byte)(x * 255 / (size - 1));
                rgb[p + 1] = (byte)(y * 255 / (size - 1));
                rgb[p + 2] = (byte)(40 + 50 * variant % 200);
            }
        return rgb;
    }

    /// <summary>The pattern as CHW planes, the layout an <c>ImageSet</c> holds.</summary>
    public static byte[] PatternChw(int size, int variant)
    {
        var rgb = Pattern(size, variant);
        var chw = new byte[rgb.Length];
        var plane = size * size;
        for (var p = 0; p < plane; p++)
            for (var c = 0; c < 3; c++)
                chw[c * plane + p] = rgb[3 * p + c];
        return chw;
    }

    /// <summary>Encodes interleaved RGB bytes as PNG or JPEG (quality 95) with SkiaSharp.</summary>
    public static byte[] Encode(byte[] rgb, int size, SKEncodedImageFormat format)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(size, size, SKColorType.Rgba8888, SKAlphaType.Opaque));
        var pixels = bitmap.GetPixelSpan();
        for (var p = 0; p < size * size; p++)
        {
            pixels[4 * p] = rgb[3 * p];
            pixels[4 * p + 1] = rgb[3 * p + 1];
            pixels[4 * p + 2] = rgb[3 * p + 2];
            pixels[4 * p + 3] = 255;
        }
        using var data = bitmap.Encode(format, 95);
        return data.ToArray();
    }

    /// <summary>Mean absolute difference of two byte spans.</summary>
    public static double MeanAbsDiff(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        Assert.Equal(a.Length, b.Length);
        long sum = 0;
        for (var i = 0; i < a.Length; i++) sum += Math.Abs(a[i] - b[i]);
        return (double)sum / a.Length;
    }
}

/// <summary>A fresh directory under the system temp folder, deleted on dispose.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "byol-data-" + Guid.NewGuid().ToString("N"));

    public string File(string relative, byte[] content)
    {
        var full = System.IO.Path.Combine(Path, relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        System.IO.File.WriteAllBytes(full, content);
        return full;
    }

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { }
    }
}
