using Byol.Contracts.Grains;
using Byol.Grains.Checkpoints;

namespace Byol.Grains.Training;

/// <summary>
/// Creates the training segment a trainer grain runs. The silo resolves it from DI: <see cref="TorchTrainingSessionFactory"/>
/// trains BYOL; the orchestration benchmark registers one whose sessions do no work, so that everything else a trial
/// goes through (scheduling, slots, placement, the trainer grain, reports, ranking) is measured on its own.
/// </summary>
public interface ITrainingSessionFactory
{
    /// <param name="work">The trial, its resolved spec and where this segment stops.</param>
    /// <param name="resumeFrom">The latest verified checkpoint of the trial, if it has one.</param>
    /// <param name="fence">This activation's fence: checkpoint writes carry it, so a stale activation cannot overwrite.</param>
    ITrainingSession Create(TrainerAssignment work, LoadedCheckpoint? resumeFrom, long fence);
}
