using Byol.Contracts.Specs;

namespace Byol.Contracts.Sweeps;

/// <summary>One row of the trial table, as `byol sweep show` presents it.</summary>
[GenerateSerializer, Alias("byol.TrialView"), Immutable]
public sealed record TrialView
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required IReadOnlyDictionary<string, ParamValue> Params { get; init; }
    [Id(2)] public int Seed { get; init; }
    [Id(3)] public TrialState State { get; init; }
    [Id(4)] public long Step { get; init; }
    [Id(5)] public long Steps { get; init; }
    [Id(6)] public string? Silo { get; init; }
    [Id(7)] public int Restarts { get; init; }
    [Id(8)] public TrialMetrics Metrics { get; init; } = new();
    [Id(9)] public string? Error { get; init; }
    [Id(10)] public int? Rank { get; init; }
    [Id(11)] public IReadOnlyList<CurvePoint> Curve { get; init; } = [];
    [Id(12)] public IReadOnlyList<EvaluationPoint> Evaluations { get; init; } = [];
    [Id(13)] public long StepsRedone { get; init; }
}

/// <summary>The `sweep show` document: the sweep, its baselines and its trials (ranked ones first).</summary>
[GenerateSerializer, Alias("byol.SweepView"), Immutable]
public sealed record SweepView
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required string Name { get; init; }
    [Id(2)] public SweepState State { get; init; }
    [Id(3)] public required ObjectiveSpec Objective { get; init; }
    [Id(4)] public Baselines? Baselines { get; init; }
    [Id(5)] public IReadOnlyList<TrialView> Trials { get; init; } = [];
    [Id(6)] public DateTimeOffset SubmittedAt { get; init; }
    [Id(7)] public DateTimeOffset? FinishedAt { get; init; }
    [Id(8)] public string? Error { get; init; }
    [Id(9)] public string? Scheduler { get; init; }

    /// <summary>The spec's <c>paper:</c> block, when it has one.</summary>
    [Id(10)] public PaperReference? Paper { get; init; }
}

/// <summary>A line of `byol sweep list`.</summary>
[GenerateSerializer, Alias("byol.SweepSummary"), Immutable]
public sealed record SweepSummary(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] SweepState State,
    [property: Id(3)] int Trials,
    [property: Id(4)] int Completed,
    [property: Id(5)] DateTimeOffset SubmittedAt);
