namespace Byol.Model.Evaluation;

/// <summary>kNN (cosine, weighted, k = 200, temperature 0.07) and a linear probe on frozen features.</summary>
public sealed record EvaluationOptions
{
    public int KnnK { get; init; } = 200;
    public double KnnTemperature { get; init; } = 0.07;
    public LinearProbeOptions LinearProbe { get; init; } = new();
}

/// <summary>Top-1 accuracies of one representation, and its collapse metric where a projector exists.</summary>
public sealed record EvaluationResult(double KnnTop1, double LinearTop1, double? ZStd);
