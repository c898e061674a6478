namespace Byol.Grains.Checkpoints;

/// <summary>
/// Where one checkpoint lies and what it must hash to. Trainer grains keep the latest one in grain state
/// ("checkpoint blob first, then the pointer in grain state", DESIGN.md flow step 3).
/// </summary>
/// <param name="Sha256">Lower-case hex SHA-256 of the payload, verified on every read.</param>
/// <param name="Fence">The fence token of the trainer activation that wrote it.</param>
[GenerateSerializer, Alias("byol.CheckpointRef"), Immutable]
public sealed record CheckpointRef(
    [property: Id(0)] string SweepId,
    [property: Id(1)] string TrialId,
    [property: Id(2)] long Step,
    [property: Id(3)] string Sha256,
    [property: Id(4)] long Length,
    [property: Id(5)] long Fence,
    [property: Id(6)] DateTimeOffset WrittenAt)
{
    /// <summary>The storage layout: <c>{sweep}/{trial}/step-{n:D9}</c>.</summary>
    public string Key => CheckpointKeys.Step(SweepId, TrialId, Step);
}
