namespace Byol.Grains.Checkpoints;

/// <summary>
/// Checkpoint storage for trials, laid out as <c>{sweep}/{trial}/step-{n}</c>. Payloads are opaque bytes.
/// Writes are fenced: each trainer activation writes with a fence token taken from grain state, and a write with a
/// lower fence than one already seen for the trial is rejected, so a stale duplicate activation cannot overwrite a
/// newer one.
/// </summary>
public interface ICheckpointStore
{
    /// <summary>Stores the payload first and lists it only once it is complete.</summary>
    /// <exception cref="StaleWriterException">A writer with a higher fence has written for this trial; nothing was written.</exception>
    Task<CheckpointRef> WriteAsync(string sweepId, string trialId, long step, long fence, ReadOnlyMemory<byte> payload, CancellationToken ct);

    /// <summary>The newest checkpoint whose SHA-256 verifies; corrupt or truncated newer ones are skipped and reported.
    /// Null when the trial has no readable checkpoint.</summary>
    Task<LoadedCheckpoint?> ReadLatestAsync(string sweepId, string trialId, CancellationToken ct);

    /// <summary>One specific checkpoint, verified against the reference's checksum and length. Null when it does not exist.</summary>
    /// <exception cref="CorruptCheckpointException">The stored bytes do not match the reference.</exception>
    Task<LoadedCheckpoint?> ReadAsync(CheckpointRef reference, CancellationToken ct);

    /// <summary>The trial's listed checkpoints, ascending by step. Nothing is downloaded or verified.</summary>
    Task<IReadOnlyList<CheckpointRef>> ListAsync(string sweepId, string trialId, CancellationToken ct);

    /// <summary>Deletes every checkpoint the policy does not keep (see <see cref="RetentionPlanner"/>).</summary>
    Task PruneAsync(string sweepId, string trialId, RetentionPolicy policy, CancellationToken ct);
}
