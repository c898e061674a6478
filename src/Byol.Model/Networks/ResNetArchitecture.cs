namespace Byol.Model.Networks;

/// <summary>How a ResNet encoder is laid out: stem, block kind, blocks and width per stage.</summary>
public sealed record ResNetArchitecture(
    string Name,
    StemKind Stem,
    bool Bottleneck,
    IReadOnlyList<int> BlocksPerStage,
    IReadOnlyList<int> StageWidths,
    int StemWidth)
{
    /// <summary>Width of the representation the encoder outputs (after global average pooling).</summary>
    public int RepresentationSize => StageWidths[^1] * (Bottleneck ? BottleneckBlock.Expansion : BasicBlock.Expansion);

    /// <summary>The encoder names a spec may use.</summary>
    public static IReadOnlyList<string> KnownNames { get; } = ["resnet18", "resnet50", "resnet18-cifar", "small-resnet"];

    /// <summary>The architecture a spec name stands for.</summary>
    public static ResNetArchitecture FromName(string name) => name switch
    {
        "resnet18" => new(name, StemKind.ImageNet, false, [2, 2, 2, 2], [64, 128, 256, 512], 64),
        "resnet50" => new(name, StemKind.ImageNet, true, [3, 4, 6, 3], [64, 128, 256, 512], 64),
        "resnet18-cifar" => new(name, StemKind.Cifar, false, [2, 2, 2, 2], [64, 128, 256, 512], 64),
        // A narrow ResNet that trains at hundreds of images/s on two CPU cores (DESIGN.md: "a width-16 ResNet").
        "small-resnet" => new(name, StemKind.Cifar, false, [1, 1, 1], [16, 32, 64], 16),
        _ => throw new ArgumentException($"unknown encoder '{name}' (expected one of {string.Join(", ", KnownNames)})", nameof(name)),
    };
}

/// <summary>ImageNet stem: 7x7 stride-2 convolution and 3x3 max-pool. CIFAR stem: one 3x3 stride-1 convolution, no max-pool.</summary>
public enum StemKind { ImageNet, Cifar }
