namespace Byol.Model.Objectives;

/// <summary>
/// The target decay rate. Paper, section 3.2: "we set the exponential moving average parameter τ to start from
/// τ_base = 0.996 and increase it to one during training ... τ ≜ 1 − (1 − τ_base)·(cos(πk/K) + 1)/2 with k the
/// current training step and K the maximum number of training steps."
/// </summary>
public static class TauSchedule
{
    public static double At(long step, long totalSteps, double tauBase)
    {
        if (totalSteps <= 0)
            return tauBase;
        var k = Math.Clamp(step, 0, totalSteps);
        return 1.0 - (1.0 - tauBase) * (Math.Cos(Math.PI * k / totalSteps) + 1.0) / 2.0;
    }
}
