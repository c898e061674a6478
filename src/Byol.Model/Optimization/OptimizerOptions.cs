namespace Byol.Model.Optimization;

/// <summary>
/// Optimizer hyperparameters; the defaults are the paper's (Section 3.3 / Appendix C: "LARS optimizer ... with a
/// cosine decay learning rate schedule ... base learning rate of 0.2, scaled linearly with the batch size
/// (LearningRate = 0.2 x BatchSize/256). In addition, we use a global weight decay parameter of 1.5 x 10^-6 while
/// excluding the biases and batch normalization parameters from both LARS adaptation and weight decay").
/// </summary>
public sealed record OptimizerOptions
{
    /// <summary>lars | sgd | adamw.</summary>
    public string Name { get; init; } = "lars";

    /// <summary>Learning rate for a batch of 256; see <see cref="LearningRateSchedule.PeakLearningRate"/>.</summary>
    public double BaseLr { get; init; } = 0.2;

    /// <summary>Weight decay, applied to non-excluded (matrix and convolution) parameters only.</summary>
    public double WeightDecay { get; init; } = 1.5e-6;

    /// <summary>Momentum of LARS and SGD (heavy ball, no dampening).</summary>
    public double Momentum { get; init; } = 0.9;

    /// <summary>LARS trust coefficient ("eta"), 1e-3 in the paper.</summary>
    public double TrustCoefficient { get; init; } = 1e-3;

    /// <summary>Steps of linear warmup before the cosine decay (the paper: 10 epochs).</summary>
    public int WarmupSteps { get; init; }

    /// <summary>AdamW first-moment decay.</summary>
    public double Beta1 { get; init; } = 0.9;

    /// <summary>AdamW second-moment decay.</summary>
    public double Beta2 { get; init; } = 0.999;

    /// <summary>AdamW denominator epsilon.</summary>
    public double Epsilon { get; init; } = 1e-8;
}
