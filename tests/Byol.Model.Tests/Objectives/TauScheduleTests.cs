using Byol.Model.Objectives;

namespace Byol.Model.Tests.Objectives;

public sealed class TauScheduleTests
{
    [Fact]
    public void Starts_at_tau_base() => Assert.Equal(0.996, TauSchedule.At(0, 1000, 0.996), 15);

    [Fact]
    public void Ends_at_one() => Assert.Equal(1.0, TauSchedule.At(1000, 1000, 0.996), 15);

    [Fact]
    public void Is_halfway_at_half_the_steps() => Assert.Equal(0.998, TauSchedule.At(500, 1000, 0.996), 12);

    [Fact]
    public void Quarter_point_matches_the_cosine_formula()
    {
        // 1 - 0.004 * (cos(pi/4) + 1) / 2
        var expected = 1 - 0.004 * (Math.Sqrt(0.5) + 1) / 2;
        Assert.Equal(expected, TauSchedule.At(250, 1000, 0.996), 15);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(400)]
    [InlineData(1000)]
    public void Tau_base_one_stays_one(long step) => Assert.Equal(1.0, TauSchedule.At(step, 1000, 1.0));

    [Fact]
    public void Tau_base_zero_starts_at_zero() => Assert.Equal(0.0, TauSchedule.At(0, 1000, 0.0));
}
