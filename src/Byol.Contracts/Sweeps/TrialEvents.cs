namespace Byol.Contracts.Sweeps;

/// <summary>A trainer's progress report (every few seconds while it trains).</summary>
[GenerateSerializer, Alias("byol.TrialProgress"), Immutable]
public sealed record TrialProgress(
    [property: Id(0)] string TrialId,
    [property: Id(1)] long Fence,
    [property: Id(2)] string Silo,
    [property: Id(3)] long Step,
    [property: Id(4)] long Steps,
    [property: Id(5)] double Loss,
    [property: Id(6)] double ZStd,
    [property: Id(7)] double ImagesPerSecond,
    [property: Id(8)] double Tau,
    [property: Id(9)] double LearningRate,
    [property: Id(10)] IReadOnlyList<CurvePoint> NewCurvePoints);

/// <summary>How a training segment ended.</summary>
[GenerateSerializer, Alias("byol.SegmentOutcome")]
public enum SegmentOutcome { ReachedTarget, Cancelled, Failed, Interrupted }

/// <summary>A trainer finished a segment (the full budget or an ASHA rung), was cancelled, or failed.</summary>
[GenerateSerializer, Alias("byol.TrialSegmentEnded"), Immutable]
public sealed record TrialSegmentEnded(
    [property: Id(0)] string TrialId,
    [property: Id(1)] long Fence,
    [property: Id(2)] SegmentOutcome Outcome,
    [property: Id(3)] long Step,
    [property: Id(4)] string? CheckpointKey,
    [property: Id(5)] string? Error,
    [property: Id(6)] long StepsRedone);

/// <summary>An evaluator's result for a trial's checkpoint.</summary>
[GenerateSerializer, Alias("byol.TrialEvaluated"), Immutable]
public sealed record TrialEvaluated(
    [property: Id(0)] string TrialId,
    [property: Id(1)] long Step,
    [property: Id(2)] EvaluationPoint? Result,
    [property: Id(3)] string? Error);
