namespace Byol.Model.Evaluation;

/// <summary>Settings of <see cref="LinearProbe"/>.</summary>
public sealed record LinearProbeOptions
{
    /// <summary>The most full-batch L-BFGS iterations (each one sees the whole training set at least once).</summary>
    public int MaxEpochs { get; init; } = 100;

    /// <summary>L2 penalty 0.5 x L2 x ||W||^2 on the weights (not the bias), added to the mean cross-entropy.</summary>
    public double L2 { get; init; } = 1e-4;

    /// <summary>Converged when an iteration lowers the loss by less than this.</summary>
    public double Tolerance { get; init; } = 1e-6;

    /// <summary>Converged when the largest absolute gradient entry is below this.</summary>
    public double GradientTolerance { get; init; } = 1e-6;

    /// <summary>L-BFGS memory: the number of (step, gradient change) pairs kept.</summary>
    public int HistorySize { get; init; } = 10;
}

/// <summary>Top-1 accuracy of the trained probe on the training and the test features, and the iterations it took.</summary>
public sealed record LinearProbeResult(double TrainTop1, double TestTop1, int Iterations);
