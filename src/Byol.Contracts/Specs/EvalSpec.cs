namespace Byol.Contracts.Specs;

/// <summary>"kNN (cosine, weighted, k = 200)".</summary>
[GenerateSerializer, Alias("byol.knn"), Immutable]
public sealed record KnnSpec
{
    [Id(0)] public int K { get; init; } = 200;
    [Id(1)] public double Temperature { get; init; } = 0.07;
}

[GenerateSerializer, Alias("byol.linear_probe"), Immutable]
public sealed record LinearProbeSpec
{
    [Id(0)] public int Epochs { get; init; } = 50;
}

/// <summary>Evaluation on frozen encoder features.</summary>
[GenerateSerializer, Alias("byol.eval"), Immutable]
public sealed record EvalSpec
{
    [Id(0)] public KnnSpec Knn { get; init; } = new();
    [Id(1)] public LinearProbeSpec LinearProbe { get; init; } = new();

    /// <summary>Labelled images used as the kNN bank and the probe's train set (0 = all).</summary>
    [Id(2)] public int BankLimit { get; init; } = 5000;

    /// <summary>Images of the eval split scored (0 = all).</summary>
    [Id(3)] public int EvalLimit { get; init; }
}

/// <summary>What the sweep ranks trials by.</summary>
[GenerateSerializer, Alias("byol.objective"), Immutable]
public sealed record ObjectiveSpec
{
    [Id(0)] public ObjectiveMetric Metric { get; init; } = ObjectiveMetric.LinearTop1;

    /// <summary>max, except that an omitted mode is min for <c>loss</c>.</summary>
    [Id(1)] public ObjectiveMode Mode { get; init; } = ObjectiveMode.Max;
}
