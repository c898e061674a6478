namespace Byol.Model.Training;

/// <summary>The loss became NaN or infinite: the run stops with this reason.</summary>
public sealed class TrainingDivergedException(long step, double loss)
    : Exception($"loss became {(double.IsNaN(loss) ? "NaN" : "infinite")} at step {step}; training stopped")
{
    public long Step { get; } = step;
    public double Loss { get; } = loss;
}
