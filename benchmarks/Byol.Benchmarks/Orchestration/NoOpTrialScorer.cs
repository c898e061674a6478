using Byol.Contracts.Grains;
using Byol.Contracts.Specs;
using Byol.Contracts.Sweeps;
using Byol.Grains.Evaluation;

namespace Byol.Benchmarks.Orchestration;

/// <summary>
/// What the benchmark's evaluators score with: no work, a score drawn from the trial's seed (so the ranking has
/// something to order), and the slot time recorded.
/// </summary>
public sealed class NoOpTrialScorer(SlotOccupancyLog log) : ITrialScorer
{
    public Task<EvaluationPoint> ScoreCheckpoint(EvaluationAssignment work)
    {
        var started = log.Begin();
        var score = new Random(work.Seed).NextDouble();
        log.End("evaluate", started);
        return Task.FromResult(new EvaluationPoint(work.Step, score, score, null));
    }

    public Task<Baselines> ScoreBaselines(string sweepId, SweepSpec spec)
    {
        var started = log.Begin();
        log.End("baselines", started);
        return Task.FromResult(new Baselines(new BaselineScores(0, 0), new BaselineScores(0, 0)));
    }
}
