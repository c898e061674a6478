namespace Byol.Grains.Tests.Checkpoints;

internal static class TestPayloads
{
    public static byte[] Make(int seed, int size = 4096)
    {
        var bytes = new byte[size];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    public static byte[] FlipBytes(byte[] bytes)
    {
        var copy = (byte[])bytes.Clone();
        for (var i = 0; i < copy.Length; i += 97)
        {
            copy[i] ^= 0xFF;
        }

        return copy;
    }

    public static byte[] Truncate(byte[] bytes) => bytes[..(bytes.Length / 2)];
}
