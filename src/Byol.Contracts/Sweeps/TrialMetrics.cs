namespace Byol.Contracts.Sweeps;

/// <summary>The latest figures of a trial: training loss and z_std while it trains, accuracies once evaluated.</summary>
[GenerateSerializer, Alias("byol.TrialMetrics"), Immutable]
public sealed record TrialMetrics
{
    [Id(0)] public double? Loss { get; init; }
    [Id(1)] public double? KnnTop1 { get; init; }
    [Id(2)] public double? LinearTop1 { get; init; }
    [Id(3)] public double? ZStd { get; init; }
    [Id(4)] public double? ImagesPerSecond { get; init; }
    [Id(5)] public double? Tau { get; init; }
    [Id(6)] public double? LearningRate { get; init; }
}

/// <summary>One point of a trial's training curve.</summary>
[GenerateSerializer, Alias("byol.CurvePoint"), Immutable]
public sealed record CurvePoint([property: Id(0)] long Step, [property: Id(1)] double Loss, [property: Id(2)] double ZStd);

/// <summary>An evaluation of a trial's checkpoint at a step (at the end, or at an ASHA rung).</summary>
[GenerateSerializer, Alias("byol.EvaluationPoint"), Immutable]
public sealed record EvaluationPoint([property: Id(0)] long Step, [property: Id(1)] double KnnTop1, [property: Id(2)] double LinearTop1, [property: Id(3)] double? ZStd);

/// <summary>Accuracies of a baseline representation on the sweep's eval split.</summary>
[GenerateSerializer, Alias("byol.BaselineScores"), Immutable]
public sealed record BaselineScores([property: Id(0)] double KnnTop1, [property: Id(1)] double LinearTop1);

/// <summary>The random-init encoder and raw pixels, scored like the trials.</summary>
[GenerateSerializer, Alias("byol.Baselines"), Immutable]
public sealed record Baselines([property: Id(0)] BaselineScores RandomInit, [property: Id(1)] BaselineScores RawPixels);
