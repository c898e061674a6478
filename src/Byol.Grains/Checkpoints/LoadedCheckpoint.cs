namespace Byol.Grains.Checkpoints;

/// <summary>A verified checkpoint payload.</summary>
/// <param name="SkippedCorrupt">Newer checkpoints that failed verification and were passed over, newest first.</param>
public sealed record LoadedCheckpoint(CheckpointRef Reference, byte[] Payload, IReadOnlyList<CheckpointRef> SkippedCorrupt);
