using System.Security.Cryptography;

namespace Byol.Grains.Checkpoints;

/// <summary>SHA-256 of checkpoint payloads, as lower-case hex.</summary>
public static class CheckpointChecksum
{
    public static string Compute(ReadOnlySpan<byte> payload) => Convert.ToHexStringLower(SHA256.HashData(payload));

    /// <summary>Why <paramref name="payload"/> does not match <paramref name="reference"/>, or null when it does.</summary>
    public static string? Mismatch(CheckpointRef reference, ReadOnlySpan<byte> payload)
    {
        if (payload.Length != reference.Length)
        {
            return $"length {payload.Length} bytes, expected {reference.Length}";
        }

        var actual = Compute(payload);
        return string.Equals(actual, reference.Sha256, StringComparison.OrdinalIgnoreCase)
            ? null
            : $"SHA-256 {actual}, expected {reference.Sha256}";
    }

    public static void Verify(CheckpointRef reference, ReadOnlySpan<byte> payload)
    {
        if (Mismatch(reference, payload) is { } reason)
        {
            throw new CorruptCheckpointException(reference, reason);
        }
    }
}
