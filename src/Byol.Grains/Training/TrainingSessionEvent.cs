using Byol.Grains.Checkpoints;
using Byol.Model.Training;

namespace Byol.Grains.Training;

/// <summary>What the training thread tells its grain: metrics, a stored checkpoint, or the end of the segment.</summary>
public abstract record TrainingSessionEvent
{
    public sealed record Metrics(TrainingMetrics Value) : TrainingSessionEvent;
    public sealed record CheckpointStored(CheckpointRef Reference) : TrainingSessionEvent;
    public sealed record Ended(Contracts.Sweeps.SegmentOutcome Outcome, long Step, CheckpointRef? LastCheckpoint, string? Error) : TrainingSessionEvent;
}
