namespace Byol.Contracts.Specs;

/// <summary>"projector MLP (Linear 4096, BN, ReLU, Linear 256)".</summary>
[GenerateSerializer, Alias("byol.projector"), Immutable]
public sealed record ProjectorSpec
{
    [Id(0)] public int Hidden { get; init; } = 4096;
    [Id(1)] public int Out { get; init; } = 256;
}

/// <summary>"predictor MLP (same shape)"; <c>predictor: none</c> disables it (the paper's ablation).</summary>
[GenerateSerializer, Alias("byol.predictor"), Immutable]
public sealed record PredictorSpec
{
    [Id(0)] public bool Enabled { get; init; } = true;
    [Id(1)] public int Hidden { get; init; } = 4096;
}

[GenerateSerializer, Alias("byol.target"), Immutable]
public sealed record TargetSpec
{
    [Id(0)] public TargetInit Init { get; init; } = TargetInit.Copy;
}

[GenerateSerializer, Alias("byol.model"), Immutable]
public sealed record ModelSpec
{
    [Id(0)] public EncoderKind Encoder { get; init; } = EncoderKind.ResNet18Cifar;
    [Id(1)] public ProjectorSpec Projector { get; init; } = new();
    [Id(2)] public PredictorSpec Predictor { get; init; } = new();
    [Id(3)] public TargetSpec Target { get; init; } = new();
}
