using Byol.Contracts.Grains;
using Byol.Contracts.Specs;
using Byol.Contracts.Sweeps;

namespace Byol.Grains.Evaluation;

/// <summary>
/// The work of an evaluator grain: scoring a trial's checkpoint and a sweep's baselines. The silo resolves it from DI:
/// <see cref="TorchTrialScorer"/> runs kNN and the linear probe; the orchestration benchmark registers one that does
/// no work. Both run off the Orleans scheduler and may take long.
/// </summary>
public interface ITrialScorer
{
    Task<EvaluationPoint> ScoreCheckpoint(EvaluationAssignment work);

    Task<Baselines> ScoreBaselines(string sweepId, SweepSpec spec);
}
