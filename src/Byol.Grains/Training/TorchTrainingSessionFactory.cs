using Byol.Contracts.Grains;
using Byol.Grains.Checkpoints;
using Byol.Grains.Data;
using Byol.Grains.Slots;
using Byol.Model.Runtime;
using Microsoft.Extensions.Logging;

namespace Byol.Grains.Training;

/// <summary>The real training segment: BYOL on this silo's device, data from the silo's cache, checkpoints to the store.</summary>
public sealed class TorchTrainingSessionFactory(
    LocalSlots slots,
    ICheckpointStore store,
    DatasetCache datasets,
    ILogger<TrainerGrain> logger) : ITrainingSessionFactory
{
    public ITrainingSession Create(TrainerAssignment work, LoadedCheckpoint? resumeFrom, long fence)
    {
        var options = TrialConfiguration.Training(work.Spec, work.Seed) with { ViewLanes = slots.ViewLanes };
        var trainData = TrialConfiguration.TrainData(work.Spec);
        return new TrainingSession(options, () => datasets.Get(trainData), resumeFrom?.Payload, work.StopAt,
            work.Spec.Train.CheckpointEvery, store, work.SweepId, work.TrialId, fence, resumeFrom?.Reference,
            TorchRuntime.SelectDevice(slots.Accelerator == "cuda" ? "cuda" : "cpu"), logger);
    }
}
