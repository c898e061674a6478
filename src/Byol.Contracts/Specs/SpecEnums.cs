namespace Byol.Contracts.Specs;

/// <summary>The name an enum member has in the sweep YAML; without it the lower-cased member name is used.</summary>
[AttributeUsage(AttributeTargets.Field)]
public sealed class SpecNameAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}

/// <summary>Kind of a data source: IDX files (MNIST family), a folder of images, or tar shards of such a folder.</summary>
public enum DataKind { Idx, Folder, Tar }

/// <summary>"resnet18 and resnet50 (ImageNet stem), resnet18-cifar (3x3 stem, no max-pool), and small-resnet".</summary>
public enum EncoderKind
{
    [SpecName("resnet18")] ResNet18,
    [SpecName("resnet50")] ResNet50,
    [SpecName("resnet18-cifar")] ResNet18Cifar,
    [SpecName("small-resnet")] SmallResNet,
}

/// <summary>How the target network starts: a copy of the online network, or its own random init.</summary>
public enum TargetInit { Copy, Seed }

/// <summary>LARS is the paper's optimizer; SGD and AdamW are the alternatives.</summary>
public enum OptimizerKind
{
    Lars,
    Sgd,
    [SpecName("adamw")] AdamW,
}

/// <summary>The pretraining loss: BYOL's, or SimCLR's NT-Xent as a baseline.</summary>
public enum PretrainObjective
{
    Byol,
    [SpecName("simclr")] SimClr,
}

public enum Interpolation { Bicubic, Bilinear, Nearest }

/// <summary>The metric a sweep ranks trials by.</summary>
public enum ObjectiveMetric
{
    [SpecName("linear_top1")] LinearTop1,
    [SpecName("knn_top1")] KnnTop1,
    Loss,
    [SpecName("z_std")] ZStd,
}

public enum ObjectiveMode { Max, Min }

public enum SearchMethod { Grid, Random }

public enum SchedulerKind { Fifo, Asha }

public enum AcceleratorKind { Any, Cuda, Cpu }
