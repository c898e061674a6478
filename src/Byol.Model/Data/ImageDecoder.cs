using SkiaSharp;

namespace Byol.Model.Data;

/// <summary>
/// Turns encoded images (JPEG, PNG, anything SkiaSharp decodes) and raw pixel planes into fixed-size uint8 CHW
/// pixels: decoded to RGBA, resized bilinearly to size x size, then written as RGB planes or as gray
/// (ITU-R BT.601 luma, 0.299 R + 0.587 G + 0.114 B).
/// </summary>
internal static class ImageDecoder
{
    /// <summary>File extensions treated as images; every other file is ignored.</summary>
    public static readonly IReadOnlySet<string> Extensions =
        new HashSet<string>([".jpg", ".jpeg", ".png", ".bmp", ".webp"], StringComparer.OrdinalIgnoreCase);

    public static bool IsImageName(string name) => Extensions.Contains(Path.GetExtension(name));

    private static readonly SKSamplingOptions Bilinear = new(SKFilterMode.Linear, SKMipmapMode.None);

    /// <summary>
    /// Decodes <paramref name="encoded"/> into <paramref name="destination"/> (channels * size * size bytes).
    /// Returns null on success, else why the image could not be read.
    /// </summary>
    public static string? TryDecode(ReadOnlySpan<byte> encoded, int size, int channels, Span<byte> destination)
    {
        if (encoded.IsEmpty) return "empty file";
        using var data = SKData.CreateCopy(encoded);
        using var codec = SKCodec.Create(data);
        if (codec is null) return "not a decodable image";
        var info = codec.Info;
        if (info.Width <= 0 || info.Height <= 0) return "image has no pixels";

        var rgbaInfo = new SKImageInfo(info.Width, info.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        using var decoded = new SKBitmap(rgbaInfo);
        var result = codec.GetPixels(rgbaInfo, decoded.GetPixels());
        if (result != SKCodecResult.Success) return $"decoding failed ({result})";

        if (info.Width == size && info.Height == size)
        {
            WritePlanes(decoded, channels, destination);
            return null;
        }
        using var resized = new SKBitmap(new SKImageInfo(size, size, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        if (!decoded.ScalePixels(resized, Bilinear)) return "resizing failed";
        WritePlanes(resized, channels, destination);
        return null;
    }

    /// <summary>Resizes one gray plane (height x width) to size x size, bilinearly.</summary>
    public static void ResizeGray(ReadOnlySpan<byte> source, int height, int width, int size, Span<byte> destination)
    {
        using var from = new SKBitmap(new SKImageInfo(width, height, SKColorType.Gray8, SKAlphaType.Opaque));
        source.CopyTo(from.GetPixelSpan());
        using var to = new SKBitmap(new SKImageInfo(size, size, SKColorType.Gray8, SKAlphaType.Opaque));
        if (!from.ScalePixels(to, Bilinear))
            throw new InvalidOperationException($"resizing a {width}x{height} gray image to {size}x{size} failed");
        to.GetPixelSpan().CopyTo(destination);
    }

    private static void WritePlanes(SKBitmap rgba, int channels, Span<byte> destination)
    {
        var pixels = rgba.GetPixelSpan();
        var plane = rgba.Width * rgba.Height;
        if (channels == 3)
        {
            for (var p = 0; p < plane; p++)
            {
                destination[p] = pixels[4 * p];
                destination[plane + p] = pixels[4 * p + 1];
                destination[2 * plane + p] = pixels[4 * p + 2];
            }
        }
        else
        {
            for (var p = 0; p < plane; p++)
                destination[p] = Luma(pixels[4 * p], pixels[4 * p + 1], pixels[4 * p + 2]);
        }
    }

    /// <summary>Gray value of an RGB pixel, rounded; equal components give that same value.</summary>
    public static byte Luma(byte r, byte g, byte b) => (byte)((299 * r + 587 * g + 114 * b + 500) / 1000);
}
