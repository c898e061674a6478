using Byol.Model.Augmentations;
using Byol.Model.Networks;
using Byol.Model.Optimization;

namespace Byol.Model.Training;

/// <summary>
/// Everything one BYOL training run needs, in one place. Defaults are the paper's (section 3.3 and appendix B):
/// LARS with base learning rate 0.2 scaled by batch/256, weight decay 1.5e-6, τ_base 0.996, batch 4096 in the paper
/// (256 here, the size the paper shows BYOL is robust to), the two views of Table 6.
/// </summary>
public sealed record TrainingOptions
{
    public NetworkOptions Network { get; init; } = new();
    /// <summary>"byol" or "simclr" (NT-Xent on the online projections; no target, no predictor used).</summary>
    public string Objective { get; init; } = "byol";
    public double Temperature { get; init; } = 0.1;
    public OptimizerOptions Optimizer { get; init; } = new();
    public double TauBase { get; init; } = 0.996;
    public long Steps { get; init; } = 2000;
    public int BatchSize { get; init; } = 256;
    /// <summary>Side of the square views fed to the encoder.</summary>
    public int ImageSize { get; init; } = 32;
    public ViewOptions View1 { get; init; } = ViewOptions.PaperView1;
    public ViewOptions View2 { get; init; } = ViewOptions.PaperView2;
    /// <summary>Loss, τ, lr, z_std and images/s are read back every this many steps (each read synchronizes a GPU).</summary>
    public int LogEvery { get; init; } = 10;
    public long Seed { get; init; }

    /// <summary>
    /// On a CPU with at least two intra-op threads, run the BYOL step's two views on two threads at once, each with
    /// half the threads (<see cref="ViewLanes"/>). Same loss, gradients and statistics up to float rounding; not part
    /// of <see cref="Fingerprint"/>, so a checkpoint resumes with either.
    /// </summary>
    public bool ViewLanes { get; init; } = true;

    /// <summary>A short text that identifies the shapes a checkpoint must match.</summary>
    public string Fingerprint =>
        $"{Network.Encoder}|proj {Network.ProjectorHidden}x{Network.ProjectorOut}|pred {(Network.UsePredictor ? Network.PredictorHidden : 0)}|{Objective}|{Optimizer.Name}";
}
