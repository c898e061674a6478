using Byol.Contracts.Specs;

namespace Byol.Contracts.Grains;

/// <summary>
/// Scores a trial's checkpoint (kNN top-1, linear-probe top-1, z_std) on the sweep's eval split, or the sweep's
/// baselines; keyed "{sweep}/{trial}/{step}" or "{sweep}/baselines". Runs on a silo with a free slot; the call
/// returns at once and the result is reported to the experiment grain.
/// </summary>
[Alias("byol.IEvaluatorGrain")]
public interface IEvaluatorGrain : IGrainWithStringKey
{
    [Alias("EvaluateCheckpoint")] Task EvaluateCheckpoint(EvaluationAssignment assignment);
    [Alias("EvaluateBaselines")] Task EvaluateBaselines(string sweepId, SweepSpec spec);
    /// <summary>Whether it is still working, and the result it reported (kept so a lost report can be recovered).</summary>
    [Alias("Status")] Task<EvaluatorStatus> Status();
}

[GenerateSerializer, Alias("byol.EvaluatorStatus"), Immutable]
public sealed record EvaluatorStatus(
    [property: Id(0)] bool Running,
    [property: Id(1)] Sweeps.TrialEvaluated? Result,
    [property: Id(2)] Sweeps.Baselines? Baselines,
    [property: Id(3)] string? BaselineError);

[GenerateSerializer, Alias("byol.EvaluationAssignment"), Immutable]
public sealed record EvaluationAssignment(
    [property: Id(0)] string SweepId,
    [property: Id(1)] string TrialId,
    [property: Id(2)] SweepSpec Spec,
    [property: Id(3)] int Seed,
    [property: Id(4)] long Step);
