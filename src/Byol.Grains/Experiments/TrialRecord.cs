using Byol.Contracts.Specs;
using Byol.Contracts.Sweeps;

namespace Byol.Grains.Experiments;

/// <summary>Where a running trial is: training a segment, waiting for an evaluator, or being evaluated.</summary>
[GenerateSerializer, Alias("byol.TrialPhase")]
public enum TrialPhase { None, Training, AwaitingEvaluation, Evaluating }

/// <summary>One row of the experiment's persisted trial table.</summary>
[GenerateSerializer, Alias("byol.TrialRecord")]
public sealed class TrialRecord
{
    [Id(0)] public required TrialPlan Plan { get; init; }
    [Id(1)] public TrialState State { get; set; } = TrialState.Pending;
    [Id(2)] public TrialPhase Phase { get; set; }
    [Id(3)] public long Step { get; set; }
    [Id(4)] public long Steps { get; set; }
    [Id(5)] public long StopAt { get; set; }
    [Id(6)] public string? Silo { get; set; }
    [Id(7)] public int Restarts { get; set; }
    [Id(8)] public long Fence { get; set; }
    [Id(9)] public TrialMetrics Metrics { get; set; } = new();
    [Id(10)] public List<CurvePoint> Curve { get; set; } = [];
    [Id(11)] public List<EvaluationPoint> Evaluations { get; set; } = [];
    [Id(12)] public string? Error { get; set; }
    [Id(13)] public long CheckpointStep { get; set; }
    [Id(14)] public long StepsRedone { get; set; }
    [Id(15)] public long EvaluationStep { get; set; }
    [Id(16)] public string? EvaluationSilo { get; set; }
    [Id(17)] public bool Interrupted { get; set; }

    public string Id => Plan.Id;
    public bool IsTerminal => State is TrialState.Completed or TrialState.Failed or TrialState.Cancelled or TrialState.Stopped;
    public bool IsTraining => State == TrialState.Running && Phase == TrialPhase.Training;

    /// <summary>Keeps the curve bounded: past the limit, every other point is dropped (older half thinned first).</summary>
    public void AddCurvePoints(IEnumerable<CurvePoint> points, int limit = 400)
    {
        foreach (var p in points)
        {
            if (Curve.Count == 0 || p.Step > Curve[^1].Step)
                Curve.Add(p);
        }
        if (Curve.Count > limit)
            Curve = Curve.Where((_, i) => i % 2 == 0 || i == Curve.Count - 1).ToList();
    }
}
