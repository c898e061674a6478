using Byol.Contracts.Sweeps;

namespace Byol.Grains.Experiments;

/// <summary>Builds the `sweep show` document from the experiment's state: ranked trials first, then the rest by id.</summary>
public static class SweepViewBuilder
{
    public static SweepView Build(string sweepId, ExperimentState s)
    {
        var spec = s.Spec ?? throw new InvalidOperationException($"sweep '{sweepId}' does not exist");
        var ranks = TrialRanking.Rank(s.Trials, spec.Objective);
        var trials = s.Trials
            .Select(t => new TrialView
            {
                Id = t.Id,
                Params = t.Plan.Params,
                Seed = t.Plan.Seed,
                State = t.State,
                Step = t.Step,
                Steps = t.Steps,
                Silo = t.Phase == TrialPhase.Evaluating ? t.EvaluationSilo : t.Silo,
                Restarts = t.Restarts,
                Metrics = t.Metrics,
                Error = t.Error,
                Rank = ranks.TryGetValue(t.Id, out var r) ? r : null,
                Curve = t.Curve.ToList(),
                Evaluations = t.Evaluations.ToList(),
                StepsRedone = t.StepsRedone,
            })
            .OrderBy(t => t.Rank ?? int.MaxValue)
            .ThenBy(t => t.Id, StringComparer.Ordinal)
            .ToList();
        return new SweepView
        {
            Id = sweepId,
            Name = spec.Name,
            State = s.State,
            Objective = spec.Objective,
            Baselines = s.Baselines,
            Trials = trials,
            SubmittedAt = s.SubmittedAt,
            FinishedAt = s.FinishedAt,
            Error = s.BaselineError is null ? null : "baselines: " + s.BaselineError,
            Scheduler = spec.Scheduler.Name.ToString().ToLowerInvariant(),
            Paper = spec.Paper,
        };
    }
}
