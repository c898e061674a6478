using System.Text.Json;

namespace Byol.Grains.Checkpoints;

/// <summary>The sidecar <c>step-{n}.json</c> next to a payload file. Its presence is what lists a checkpoint.</summary>
internal sealed record FileCheckpointMetadata(long Step, string Sha256, long Length, long Fence, DateTimeOffset WrittenAt)
{
    public const string Extension = ".json";

    public static FileCheckpointMetadata From(CheckpointRef r) => new(r.Step, r.Sha256, r.Length, r.Fence, r.WrittenAt);

    public CheckpointRef ToRef(string sweepId, string trialId) => new(sweepId, trialId, Step, Sha256, Length, Fence, WrittenAt);

    public byte[] Serialize() => JsonSerializer.SerializeToUtf8Bytes(this);

    /// <summary>Null when the file is unreadable or not ours; such a checkpoint is treated as not listed.</summary>
    public static FileCheckpointMetadata? TryParse(byte[] json)
    {
        try
        {
            var meta = JsonSerializer.Deserialize<FileCheckpointMetadata>(json);
            return meta is { Sha256.Length: 64, Length: >= 0, Step: >= 0 } ? meta : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
