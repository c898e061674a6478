namespace Byol.Grains.Checkpoints;

/// <summary>
/// Where one checkpoint lies and what it must hash to. Trainer grains keep the latest one in grain state
/// ("checkpoint blob first, then the pointer in grain state", DESIGN.md flow step 3).
/// </summary>
/// <param name="Sha256">Lower-case hex SHA-256 of the payload, verified on every read.</param>
/// <param name="Fence">The fence token of the trainer activation that wrote it.</param>
public sealed record CheckpointRef(
    string SweepId, string TrialId, long Step, string Sha256, long Length, long Fence, DateTimeOffset WrittenAt)
{
    /// <summary>The storage layout: <c>{sweep}/{trial}/step-{n:D9}</c>.</summary>
    public string Key => CheckpointKeys.Step(SweepId, TrialId, Step);
}
