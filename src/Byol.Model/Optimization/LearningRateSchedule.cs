namespace Byol.Model.Optimization;

/// <summary>
/// The paper's learning-rate schedule: "we use a cosine decay learning rate schedule [...] over 1000 epochs with a
/// warm-up period of 10 epochs", with "LearningRate = 0.2 x BatchSize/256". Pure functions of the step.
/// </summary>
public static class LearningRateSchedule
{
    /// <summary>The linear scaling rule: lr = base_lr x batch / 256.</summary>
    public static double PeakLearningRate(double baseLr, int batchSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        return baseLr * batchSize / 256.0;
    }

    /// <summary>
    /// Linear warmup from 0 at step 0 to <paramref name="peak"/> at <paramref name="warmupSteps"/>, then cosine decay
    /// peak x (1 + cos(pi x (step - warmup) / (total - warmup))) / 2, which reaches 0 at <paramref name="totalSteps"/>.
    /// Steps past the end give 0; with no warmup step 0 gives the peak.
    /// </summary>
    public static double At(long step, long totalSteps, long warmupSteps, double peak)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(step);
        ArgumentOutOfRangeException.ThrowIfNegative(warmupSteps);
        ArgumentOutOfRangeException.ThrowIfLessThan(totalSteps, warmupSteps);
        if (step < warmupSteps)
        {
            return peak * step / warmupSteps;
        }

        if (step >= totalSteps)
        {
            return totalSteps == warmupSteps ? peak : 0.0;
        }

        var progress = (double)(step - warmupSteps) / (totalSteps - warmupSteps);
        return peak * 0.5 * (1.0 + Math.Cos(Math.PI * progress));
    }
}
