using Byol.Contracts.Grains;
using Byol.Grains.Checkpoints;
using Byol.Grains.Training;

namespace Byol.Benchmarks.Orchestration;

/// <summary>What the benchmark's silos train with: <see cref="NoOpTrainingSession"/>s of a fixed duration.</summary>
public sealed class NoOpTrainingSessionFactory(TimeSpan duration, SlotOccupancyLog log) : ITrainingSessionFactory
{
    public ITrainingSession Create(TrainerAssignment work, LoadedCheckpoint? resumeFrom, long fence) =>
        new NoOpTrainingSession(Math.Min(work.StopAt, work.Spec.Train.Steps), duration, log);
}
