using System.Security.Cryptography;
using System.Text;

namespace Byol.Model.Training;

/// <summary>
/// The checkpoint envelope: magic "BYOLCKPT", format version, payload length and the payload's SHA-256, then the
/// payload. A truncated or altered stream is rejected before any state is touched.
/// </summary>
public static class TrainingCheckpoint
{
    public const int FormatVersion = 1;
    private static readonly byte[] Magic = Encoding.ASCII.GetBytes("BYOLCKPT");
    private const int HeaderSize = 8 + 4 + 8 + 32;

    public static void Write(Stream destination, TrainingRun run, Action<BinaryWriter> writeState)
    {
        using var payload = new MemoryStream();
        using (var w = new BinaryWriter(payload, Encoding.UTF8, leaveOpen: true))
            writeState(w);
        var bytes = payload.GetBuffer().AsSpan(0, (int)payload.Length);
        using var header = new BinaryWriter(destination, Encoding.UTF8, leaveOpen: true);
        header.Write(Magic);
        header.Write(FormatVersion);
        header.Write((long)bytes.Length);
        header.Write(SHA256.HashData(bytes));
        header.Write(bytes);
    }

    public static void Read(Stream source, string expectedFingerprint, Action<BinaryReader> readState)
    {
        var header = new byte[HeaderSize];
        if (source.ReadAtLeast(header, HeaderSize, throwOnEndOfStream: false) < HeaderSize)
            throw new CheckpointFormatException("checkpoint is truncated: its header is incomplete");
        if (!header.AsSpan(0, 8).SequenceEqual(Magic))
            throw new CheckpointFormatException("not a Byol checkpoint (bad magic)");
        var version = BitConverter.ToInt32(header, 8);
        if (version != FormatVersion)
            throw new CheckpointFormatException($"checkpoint format version {version} is not supported (expected {FormatVersion})");
        var length = BitConverter.ToInt64(header, 12);
        if (length is < 0 or > int.MaxValue)
            throw new CheckpointFormatException($"checkpoint declares an impossible payload length {length}");
        var payload = new byte[length];
        var read = source.ReadAtLeast(payload, (int)length, throwOnEndOfStream: false);
        if (read < length)
            throw new CheckpointFormatException($"checkpoint is truncated: expected {length} payload bytes, found {read}");
        if (!SHA256.HashData(payload).AsSpan().SequenceEqual(header.AsSpan(20, 32)))
            throw new CheckpointFormatException("checkpoint checksum mismatch: the payload is corrupt");
        using var r = new BinaryReader(new MemoryStream(payload), Encoding.UTF8);
        try
        {
            readState(r);
        }
        catch (Exception e) when (e is EndOfStreamException or IOException or ArgumentException or InvalidDataException)
        {
            throw new CheckpointFormatException($"checkpoint content does not match this run ({expectedFingerprint}): {e.Message}", e);
        }
    }
}
