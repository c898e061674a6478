using Byol.Model.Optimization;

namespace Byol.Model.Tests.Optimization;

public sealed class LearningRateScheduleTests
{
    [Fact]
    public void Peak_follows_the_linear_scaling_rule() =>
        Assert.Equal(0.4, LearningRateSchedule.PeakLearningRate(0.2, 512), 12);

    [Fact]
    public void Warmup_starts_at_zero_and_reaches_the_peak()
    {
        Assert.Equal(0.0, LearningRateSchedule.At(0, 110, 10, 2.0));
        Assert.Equal(1.0, LearningRateSchedule.At(5, 110, 10, 2.0), 12);
        Assert.Equal(2.0, LearningRateSchedule.At(10, 110, 10, 2.0), 12);
    }

    [Fact]
    public void Cosine_is_half_the_peak_at_its_midpoint_and_zero_at_the_end()
    {
        Assert.Equal(1.0, LearningRateSchedule.At(60, 110, 10, 2.0), 12);
        Assert.Equal(0.0, LearningRateSchedule.At(110, 110, 10, 2.0), 12);
        Assert.Equal(0.0, LearningRateSchedule.At(500, 110, 10, 2.0), 12);
    }

    [Fact]
    public void Without_warmup_step_zero_is_the_peak() =>
        Assert.Equal(2.0, LearningRateSchedule.At(0, 100, 0, 2.0), 12);
}
