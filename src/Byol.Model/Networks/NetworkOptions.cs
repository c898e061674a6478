namespace Byol.Model.Networks;

/// <summary>
/// Shapes of the online and target networks. Defaults are the paper's: projector and predictor are MLPs with
/// hidden size 4096 and output 256; the target starts as a copy of the online network.
/// </summary>
public sealed record NetworkOptions
{
    public string Encoder { get; init; } = "resnet18-cifar";
    public int ProjectorHidden { get; init; } = 4096;
    public int ProjectorOut { get; init; } = 256;
    /// <summary>The paper's ablation removes the predictor; BYOL then collapses unless the target moves slowly.</summary>
    public bool UsePredictor { get; init; } = true;
    public int PredictorHidden { get; init; } = 4096;
    public TargetInit TargetInit { get; init; } = TargetInit.Copy;
}

/// <summary>Copy: the target starts equal to the online network. Seed: it is initialized from its own seed.</summary>
public enum TargetInit { Copy, Seed }
