namespace Byol.Contracts.Specs;

/// <summary>
/// "LARS (trust 1e-3, momentum 0.9)", lr = base_lr * batch / 256 with warmup then cosine; base_lr 0.2 and weight
/// decay 1.5e-6 as the paper uses.
/// </summary>
[GenerateSerializer, Alias("byol.optimizer"), Immutable]
public sealed record OptimizerSpec
{
    [Id(0)] public OptimizerKind Name { get; init; } = OptimizerKind.Lars;
    [Id(1)] public double BaseLr { get; init; } = 0.2;
    [Id(2)] public double WeightDecay { get; init; } = 1.5e-6;
    [Id(3)] public double Momentum { get; init; } = 0.9;
    [Id(4)] public double TrustCoefficient { get; init; } = 1e-3;
    [Id(5)] public int WarmupSteps { get; init; }
}

/// <summary>The pretraining run of one trial.</summary>
[GenerateSerializer, Alias("byol.train"), Immutable]
public sealed record TrainSpec
{
    /// <summary>Optimizer steps; 0 is a no-op trial (evaluates the random init).</summary>
    [Id(0)] public int Steps { get; init; } = 2000;
    [Id(1)] public int BatchSize { get; init; } = 256;
    [Id(2)] public OptimizerSpec Optimizer { get; init; } = new();

    /// <summary>"tau = 1 - (1 - tau_base) * (cos(pi k / K) + 1) / 2, tau_base 0.996".</summary>
    [Id(3)] public double TauBase { get; init; } = 0.996;
    [Id(4)] public PretrainObjective Objective { get; init; } = PretrainObjective.Byol;

    /// <summary>NT-Xent temperature (simclr only).</summary>
    [Id(5)] public double Temperature { get; init; } = 0.1;

    /// <summary>Side of each view after the crop.</summary>
    [Id(6)] public int ImageSize { get; init; } = 32;
    [Id(7)] public ViewsSpec Views { get; init; } = ViewsSpec.Paper;
    [Id(8)] public int CheckpointEvery { get; init; } = 200;
    [Id(9)] public int LogEvery { get; init; } = 10;
}
