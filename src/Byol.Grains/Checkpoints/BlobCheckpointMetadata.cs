using System.Globalization;

namespace Byol.Grains.Checkpoints;

/// <summary>Checkpoint fields as blob metadata (names must be C# identifiers; values are invariant-culture text).</summary>
internal static class BlobCheckpointMetadata
{
    private const string Step = "step";
    private const string Sha256 = "sha256";
    private const string Length = "length";
    public const string Fence = "fence";
    private const string WrittenAt = "writtenat";

    public static Dictionary<string, string> From(CheckpointRef r) => new()
    {
        [Step] = r.Step.ToString(CultureInfo.InvariantCulture),
        [Sha256] = r.Sha256,
        [Length] = r.Length.ToString(CultureInfo.InvariantCulture),
        [Fence] = r.Fence.ToString(CultureInfo.InvariantCulture),
        [WrittenAt] = r.WrittenAt.ToString("O", CultureInfo.InvariantCulture),
    };

    /// <summary>Null when the metadata is missing or not ours; such a blob is treated as not listed.</summary>
    public static CheckpointRef? TryParse(string sweepId, string trialId, IDictionary<string, string> metadata)
    {
        return TryGetLong(metadata, Step, out var step)
            && metadata.TryGetValue(Sha256, out var sha) && sha.Length == 64
            && TryGetLong(metadata, Length, out var length)
            && TryGetLong(metadata, Fence, out var fence)
            && metadata.TryGetValue(WrittenAt, out var at)
            && DateTimeOffset.TryParse(at, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var writtenAt)
                ? new CheckpointRef(sweepId, trialId, step, sha, length, fence, writtenAt)
                : null;
    }

    public static bool TryGetLong(IDictionary<string, string> metadata, string name, out long value)
    {
        value = 0;
        return metadata.TryGetValue(name, out var text)
            && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }
}
