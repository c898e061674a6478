using Byol.Contracts.Sweeps;

namespace Byol.Contracts.Grains;

/// <summary>
/// Trains one trial, keyed "{sweep}/{trial}". Placed only on a silo with a free slot of the trial's accelerator.
/// Training runs on a thread the grain owns; calls return at once and results come back to the experiment grain.
/// </summary>
[Alias("byol.ITrainerGrain")]
public interface ITrainerGrain : IGrainWithStringKey
{
    /// <summary>Starts (or resumes from the last checkpoint) training up to <see cref="TrainerAssignment.StopAt"/>; returns the fence of this activation.</summary>
    [Alias("Start")] Task<TrainerStarted> Start(TrainerAssignment assignment);
    [Alias("Status")] Task<TrainerStatus> Status();
    /// <summary>Stops within one step, writing no further checkpoint.</summary>
    [Alias("Cancel")] Task Cancel();
    /// <summary>Checkpoints now and stops (the silo is shutting down); the experiment grain resumes it elsewhere.</summary>
    [Alias("Drain")] Task Drain();
}

/// <summary>What a trainer must do: the resolved spec, its seed, where to stop this segment.</summary>
[GenerateSerializer, Alias("byol.TrainerAssignment"), Immutable]
public sealed record TrainerAssignment(
    [property: Id(0)] string SweepId,
    [property: Id(1)] string TrialId,
    [property: Id(2)] Specs.SweepSpec Spec,
    [property: Id(3)] int Seed,
    [property: Id(4)] long StopAt);

[GenerateSerializer, Alias("byol.TrainerStarted"), Immutable]
public sealed record TrainerStarted([property: Id(0)] long Fence, [property: Id(1)] string Silo, [property: Id(2)] long ResumedFromStep);

[GenerateSerializer, Alias("byol.TrainerStatus"), Immutable]
public sealed record TrainerStatus(
    [property: Id(0)] bool Running,
    [property: Id(1)] long Step,
    [property: Id(2)] long StopAt,
    [property: Id(3)] string Silo,
    [property: Id(4)] long Fence,
    [property: Id(5)] string? LatestCheckpoint,
    [property: Id(6)] double? Loss,
    [property: Id(7)] TrialSegmentEnded? LastSegment);
