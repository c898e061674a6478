using Byol.Contracts.Specs;
using Byol.Contracts.Sweeps;

namespace Byol.Grains.Experiments;

/// <summary>The experiment grain's durable state: the spec, the trial table, baselines and ASHA rungs.</summary>
[GenerateSerializer, Alias("byol.ExperimentState")]
public sealed class ExperimentState
{
    [Id(0)] public SweepSpec? Spec { get; set; }
    [Id(1)] public SweepState State { get; set; } = SweepState.Pending;
    [Id(2)] public List<TrialRecord> Trials { get; set; } = [];
    [Id(3)] public Baselines? Baselines { get; set; }
    [Id(4)] public string? BaselineError { get; set; }
    [Id(5)] public bool BaselinesRequested { get; set; }
    [Id(6)] public DateTimeOffset SubmittedAt { get; set; }
    [Id(7)] public DateTimeOffset? FinishedAt { get; set; }
    [Id(8)] public AshaRungs Rungs { get; set; } = new();
    [Id(9)] public long? ExtendedSteps { get; set; }
    [Id(10)] public string? BaselineSilo { get; set; }
}
